/**
 * Sample applications shipped encrypted on memory cards: {@code www} (an HTTP page naming the chassis and slot
 * that serve it) and {@code primes} (visible background work). Each is built as its own jar
 * ({@code target/samples-www.jar}, {@code target/samples-primes.jar}) whose manifest names its entry class.
 */
package dev.vrack.samples;
