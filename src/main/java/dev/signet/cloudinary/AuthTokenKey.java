package dev.signet.cloudinary;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token key of Cloudinary's token-based authentication (a hex string from the
 * console, separate from the API secret). Its {@code toString()} shows only a
 * fingerprint.
 *
 * @author Signet developers
 */
public final class AuthTokenKey {

	private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2}){16,128}");

	private final SecretKeySpec key;

	private final String fingerprint;

	private AuthTokenKey(byte[] key) {
		this.key = new SecretKeySpec(key, "HmacSHA256");
		byte[] digest = SignatureAlgorithm.SHA256.newDigest().digest(key);
		this.fingerprint = HexFormat.of().formatHex(digest, 0, 4);
	}

	/**
	 * Parses a token key.
	 * @param hex the key as hex, as Cloudinary shows it
	 * @param variable the setting's name, for messages
	 * @return the key
	 * @throws MalformedSettingException when it is not 32 to 256 hex digits
	 */
	public static AuthTokenKey parse(String hex, String variable) {
		if (!HEX.matcher(hex).matches()) {
			throw new MalformedSettingException(variable,
					"the token key must be an even number of 32 to 256 hex digits "
							+ "(the 'Token key' of the Cloudinary console), without spaces, quotes or line breaks");
		}
		return new AuthTokenKey(HexFormat.of().parseHex(hex));
	}

	/**
	 * First 8 hex characters of the SHA-256 of the decoded key.
	 * @return the fingerprint
	 */
	public String fingerprint() {
		return this.fingerprint;
	}

	Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac;
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("JVM lacks HmacSHA256", ex);
		}
	}

	@Override
	public String toString() {
		return "AuthTokenKey[fingerprint=" + this.fingerprint + "]";
	}

}
