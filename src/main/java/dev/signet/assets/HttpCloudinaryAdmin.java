package dev.signet.assets;

import java.time.Clock;

import dev.signet.cloudinary.CloudinaryAccounts;

/**
 * The {@link CloudinaryAdmin} over HTTP: the Admin API at the account's upload prefix
 * with basic auth, and the signed {@code destroy}. (Skeleton.)
 *
 * @author Signet developers
 */
public final class HttpCloudinaryAdmin implements CloudinaryAdmin {

	private final CloudinaryAccounts accounts;

	private final CloudinaryApiProperties properties;

	private final Clock clock;

	/**
	 * A client.
	 * @param accounts the accounts, asked for the current key on every call
	 * @param properties deadlines and retries
	 * @param clock the clock that stamps {@code destroy}
	 */
	public HttpCloudinaryAdmin(CloudinaryAccounts accounts, CloudinaryApiProperties properties, Clock clock) {
		this.accounts = accounts;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public AssetFacts resource(String account, String resourceType, String type, String publicId) {
		throw new Unavailable("not built yet");
	}

	@Override
	public boolean destroy(String account, String resourceType, String type, String publicId) {
		throw new Unavailable("not built yet");
	}

}
