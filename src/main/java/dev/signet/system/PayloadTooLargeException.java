package dev.signet.system;

import java.io.IOException;

/**
 * Thrown while reading a request body that exceeds the configured limit.
 *
 * @author Signet developers
 */
public class PayloadTooLargeException extends IOException {

	private final long limit;

	PayloadTooLargeException(long limit) {
		super("Request body exceeds " + limit + " bytes");
		this.limit = limit;
	}

	/**
	 * The limit that was exceeded.
	 * @return the most bytes accepted
	 */
	public long limit() {
		return this.limit;
	}

}
