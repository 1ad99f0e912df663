package dev.signet.access;

/**
 * What an endpoint's own work returns to the pipeline: the response for the client and
 * the {@link Grant} for the audit.
 *
 * @param <R> the response type
 * @param response the response
 * @param grant what was issued
 * @author Signet developers
 */
public record Issue<R>(R response, Grant grant) {

}
