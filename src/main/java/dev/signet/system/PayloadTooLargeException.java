package dev.signet.system;

import java.io.IOException;

/**
 * Thrown while reading a request body that exceeds the configured limit.
 *
 * @author Signet developers
 */
public class PayloadTooLargeException extends IOException {

	PayloadTooLargeException(long limit) {
		super("Request body exceeds " + limit + " bytes");
	}

}
