package dev.signet.access;

import dev.signet.refusal.LimitStatus;

/**
 * What the pipeline answers: the response and the state of the tightest rate limit that
 * applied (the web layer turns it into {@code RateLimit-Policy} and {@code RateLimit}
 * headers).
 *
 * @param <R> the response type
 * @param response the response
 * @param limit the limit's state
 * @author Signet developers
 */
public record Issued<R>(R response, LimitStatus limit) {

}
