package dev.vrack.authority.http;

/** One authenticated request: method (upper case), path without query, body (at most 64 KiB). */
record HttpCall(String method, String path, byte[] body) {
}
