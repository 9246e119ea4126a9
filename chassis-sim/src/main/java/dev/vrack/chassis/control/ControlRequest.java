package dev.vrack.chassis.control;

/**
 * One authenticated control API request.
 *
 * @param method the HTTP method, upper case
 * @param path   the path without query string, e.g. {@code /slots/3/pull}
 * @param body   the request body (at most 64 KiB), possibly empty
 */
public record ControlRequest(String method, String path, byte[] body) {
}
