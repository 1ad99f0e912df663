package dev.signet.assets;

/**
 * What Signet asks Cloudinary about an asset: the Admin API's resource lookup (basic auth
 * with the account's key and secret) and the Upload API's signed {@code destroy} with
 * {@code invalidate=true}. Implementations bound every call in time and retry with
 * backoff; they never log the secret.
 *
 * @author Signet developers
 */
public interface CloudinaryAdmin {

	/**
	 * {@code GET /v1_1/<cloud>/resources/<resource_type>/<type>/<public_id>}.
	 * @param account the account's name
	 * @param resourceType {@code image}, {@code video} or {@code raw}
	 * @param type the delivery type, {@code upload}
	 * @param publicId the public id
	 * @return what Cloudinary stores
	 * @throws NotFound when Cloudinary has no such asset
	 * @throws Unavailable when Cloudinary did not answer in time or answered an error
	 */
	AssetFacts resource(String account, String resourceType, String type, String publicId);

	/**
	 * {@code POST /v1_1/<cloud>/<resource_type>/destroy} with {@code public_id},
	 * {@code type}, {@code invalidate=true}, {@code timestamp}, {@code api_key} and
	 * {@code signature}.
	 * @param account the account's name
	 * @param resourceType {@code image}, {@code video} or {@code raw}
	 * @param type the delivery type
	 * @param publicId the public id
	 * @return {@code true} when destroyed now, {@code false} when Cloudinary had nothing
	 * to destroy ({@code "result": "not found"})
	 * @throws Unavailable when Cloudinary did not answer in time or answered an error
	 */
	boolean destroy(String account, String resourceType, String type, String publicId);

	/**
	 * Cloudinary has no such asset.
	 */
	class NotFound extends RuntimeException {

		private static final long serialVersionUID = 1L;

		/**
		 * The failure.
		 * @param message what was looked up (no secret)
		 */
		public NotFound(String message) {
			super(message);
		}

	}

	/**
	 * Cloudinary did not answer in time, or answered with an error: nothing is decided.
	 */
	class Unavailable extends RuntimeException {

		private static final long serialVersionUID = 1L;

		/**
		 * The failure.
		 * @param message why (no secret, no URL with credentials)
		 */
		public Unavailable(String message) {
			super(message);
		}

	}

}
