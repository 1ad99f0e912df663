package dev.signet.cloudinary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Builds Cloudinary's string to sign and its signature, like the official SDKs'
 * {@code api_sign_request}.
 * <p>
 * The rule (see {@code shared/cloudinary-signing-spec.md} §1): drop {@code null} and
 * empty values, join list values with {@code ","}, sort the keys by UTF-16 code units,
 * join {@code key=value} pairs with {@code "&"} (under signature version 2 every
 * {@code "&"} inside a value is first written {@code "%26"}), append the API secret with
 * no separator and take the lowercase hex SHA-1 or SHA-256 of the UTF-8 bytes. It is a
 * plain digest, not an HMAC. The golden test replays every vector on which the Node, Java
 * and Python SDKs agree.
 * <p>
 * {@link #stringToSign(Map, int)} is Signet's one canonical string to sign: the signer,
 * the {@code sign} command, the signature diagnosis and the check of API response
 * signatures ({@link ApiResponseSignature}) all build it here.
 * <p>
 * The signer signs whatever map it is given, like the SDKs: the keys Cloudinary leaves
 * out of the signature ({@link UploadParameters#NEVER_SIGNED}) must be removed, and
 * inputs on which the SDKs disagree refused, by the caller.
 *
 * @author Signet developers
 */
public final class UploadSigner {

	private static final HexFormat HEX = HexFormat.of();

	private final ApiSecret secret;

	private final SignatureAlgorithm algorithm;

	private final int signatureVersion;

	public UploadSigner(ApiSecret secret, SignatureAlgorithm algorithm, int signatureVersion) {
		if (signatureVersion != 1 && signatureVersion != 2) {
			throw new IllegalArgumentException("Signature version must be 1 or 2");
		}
		this.secret = secret;
		this.algorithm = algorithm;
		this.signatureVersion = signatureVersion;
	}

	/**
	 * Signs a parameter map.
	 * @param params the parameters, values being strings, booleans, numbers or lists of
	 * them
	 * @return the lowercase hex signature
	 */
	public String sign(Map<String, ?> params) {
		return signStringToSign(stringToSign(params, this.signatureVersion));
	}

	/**
	 * Signs a string to sign made by {@link #stringToSign(Map, int)}.
	 * @param stringToSign the string to sign, without the secret
	 * @return the lowercase hex signature
	 */
	public String signStringToSign(String stringToSign) {
		MessageDigest digest = this.algorithm.newDigest();
		digest.update(stringToSign.getBytes(StandardCharsets.UTF_8));
		this.secret.appendTo(digest);
		return HEX.formatHex(digest.digest());
	}

	public SignatureAlgorithm algorithm() {
		return this.algorithm;
	}

	public int signatureVersion() {
		return this.signatureVersion;
	}

	/**
	 * Builds the string to sign (without the secret).
	 * @param params the parameters
	 * @param signatureVersion 1, or 2 to write {@code "&"} in values as {@code "%26"}
	 * @return the string to sign
	 */
	public static String stringToSign(Map<String, ?> params, int signatureVersion) {
		List<String[]> pairs = new ArrayList<>(params.size());
		for (Map.Entry<String, ?> entry : params.entrySet()) {
			String value = serialize(entry.getValue());
			if (value != null && !value.isEmpty()) {
				pairs.add(new String[] { entry.getKey(), value });
			}
		}
		pairs.sort((a, b) -> a[0].compareTo(b[0]));
		StringBuilder result = new StringBuilder(64 * pairs.size());
		for (String[] pair : pairs) {
			if (!result.isEmpty()) {
				result.append('&');
			}
			result.append(pair[0]).append('=');
			appendValue(result, pair[1], signatureVersion);
		}
		return result.toString();
	}

	private static void appendValue(StringBuilder result, String value, int signatureVersion) {
		if (signatureVersion < 2 || value.indexOf('&') < 0) {
			result.append(value);
			return;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '&') {
				result.append("%26");
			}
			else {
				result.append(c);
			}
		}
	}

	private static @Nullable String serialize(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof String string) {
			return string;
		}
		if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof Short
				|| value instanceof BigInteger || value instanceof Double || value instanceof Float) {
			return value.toString();
		}
		if (value instanceof BigDecimal decimal) {
			return Double.toString(decimal.doubleValue());
		}
		if (value instanceof Collection<?> collection) {
			StringBuilder joined = new StringBuilder();
			boolean first = true;
			for (Object element : collection) {
				if (!first) {
					joined.append(',');
				}
				first = false;
				String serialized = serialize(element);
				joined.append((serialized != null) ? serialized : "");
			}
			return joined.toString();
		}
		throw new IllegalArgumentException("Cannot sign a value of type " + value.getClass().getSimpleName());
	}

}
