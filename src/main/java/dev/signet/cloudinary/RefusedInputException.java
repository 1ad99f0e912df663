package dev.signet.cloudinary;

/**
 * An input on which Cloudinary's SDKs disagree, or that none of them accepts: Signet
 * refuses it rather than pick one SDK's answer.
 *
 * @author Signet developers
 */
public class RefusedInputException extends IllegalArgumentException {

	private final String field;

	private final String reason;

	public RefusedInputException(String field, String reason) {
		super(field + ": " + reason);
		this.field = field;
		this.reason = reason;
	}

	/**
	 * The name of the refused input.
	 * @return the field name
	 */
	public String getField() {
		return this.field;
	}

	/**
	 * Why it is refused, without the value.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

}
