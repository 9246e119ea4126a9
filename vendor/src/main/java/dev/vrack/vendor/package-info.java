/**
 * The software provider (seed 000, sections 610-640): {@link dev.vrack.vendor.Vendor} encrypts applications
 * with the application encryption key, writes memory card images (format version 2, embedding the bundle) and
 * forwards execution licenses to a rack's NAS folder. By design it can neither decrypt a bundle nor issue a
 * license: it never holds the application decryption key or the authority's private key.
 */
package dev.vrack.vendor;
