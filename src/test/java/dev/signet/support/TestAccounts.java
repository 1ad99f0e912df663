package dev.signet.support;

/**
 * Settings shared by the tests that start Signet. The secret is a canary: it must never
 * show up in a response or a log line.
 *
 * @author Signet developers
 */
public final class TestAccounts {

	/** The API secret of the test account. */
	public static final String CANARY_SECRET = "CANARYx7Qp2Zr9Lm4Vt8Wn3Ks6Hd";

	/** The API key of the test account. */
	public static final String API_KEY = "614335564976464";

	/** The cloud name of the test account. */
	public static final String CLOUD_NAME = "signet-test";

	/** A client API key configured in {@link #API_KEYS}. */
	public static final String CLIENT_KEY = "web-key-0123456789abcdef";

	/** The value of SIGNET_API_KEYS. */
	public static final String API_KEYS = "web:" + CLIENT_KEY + ",backend:backend-key-fedcba9876543210";

	/** An allowed CORS origin. */
	public static final String ORIGIN = "https://app.example.com";

	private TestAccounts() {
	}

	/**
	 * The CLOUDINARY_URL of the test account.
	 * @param query options such as {@code upload_prefix=...}, or empty
	 * @return the URL
	 */
	public static String cloudinaryUrl(String query) {
		return "cloudinary://" + API_KEY + ":" + CANARY_SECRET + "@" + CLOUD_NAME
				+ (query.isEmpty() ? "" : "?" + query);
	}

}
