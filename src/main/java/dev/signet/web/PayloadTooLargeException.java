package dev.signet.web;

import java.io.IOException;

import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;

/**
 * A request body grew past its limit while it was read. Wherever it surfaces (the body
 * limit filter, a message converter, the container's error dispatch) it is answered with
 * the one refusal of {@link #refusal()}.
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
	 * The refusal of a body over a limit.
	 * @param limit the limit in bytes
	 * @return the refusal
	 */
	static Refusal refusal(long limit) {
		return new Refusal(Reason.PAYLOAD_TOO_LARGE,
				"The request body is larger than " + limit + " bytes; send fewer or shorter parameters.");
	}

	/**
	 * The refusal of this body.
	 * @return the refusal
	 */
	public Refusal refusal() {
		return refusal(this.limit);
	}

}
