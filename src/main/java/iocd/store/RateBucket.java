package iocd.store;

/**
 * State of a shared token bucket after one take.
 *
 * @param allowed whether a token was available and taken
 * @param tokens  tokens left, possibly fractional
 */
public record RateBucket(boolean allowed, double tokens) {
}
