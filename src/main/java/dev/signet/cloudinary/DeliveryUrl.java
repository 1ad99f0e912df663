package dev.signet.cloudinary;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Signed delivery URLs: the {@code s--XXXXXXXX--} component and the URL around it (spec
 * §4).
 * <p>
 * The string to sign is the transformation and the escaped public ID (plus
 * {@code "." + format}) joined with {@code "/"}, repeated slashes merged; version,
 * resource type, delivery type and cloud name are not signed. The component is the first
 * 8 characters of the URL-safe Base64 of {@code HASH(toSign + secret)}, or 32 characters
 * of SHA-256 for {@code long_url_signature}. The public ID is escaped the way Node, Java
 * and Python agree on: strict percent-decoding first, then UTF-8 percent-encoding of
 * everything but {@code A-Z a-z 0-9 _ . - / :}. Public IDs with {@code ! ' ( ) * ~},
 * malformed {@code %} escapes, control characters or, for {@code fetch}, non-ASCII
 * characters are refused, because the SDKs sign them differently.
 *
 * @param cloudName the cloud name
 * @param publicId the public ID (or, for {@code fetch}, the remote URL) as the client
 * gave it
 * @param transformation the raw transformation string, or {@code null}
 * @param format the format extension without the dot, or {@code null}
 * @param version the version digits, or {@code null}
 * @param resourceType {@code image}, {@code video} or {@code raw}
 * @param type the delivery type, such as {@code upload} or {@code authenticated}
 * @param longSignature whether to sign with SHA-256 and 32 characters
 * @author Signet developers
 */
public record DeliveryUrl(String cloudName, String publicId, @Nullable String transformation, @Nullable String format,
		@Nullable String version, String resourceType, String type, boolean longSignature) {

	/** Host of Cloudinary's shared delivery CDN. */
	public static final String SECURE_DELIVERY = "https://res.cloudinary.com";

	/** Characters Node leaves raw while Java or Python escape them (or the reverse). */
	private static final String DISPUTED = "!'()*~";

	private static final Pattern MERGE_SLASHES = Pattern.compile("([^:])/+");

	private static final Pattern VERSIONED = Pattern.compile("^v[0-9]+.*", Pattern.DOTALL);

	private static final Pattern REMOTE = Pattern.compile("^https?:/.*", Pattern.DOTALL);

	/**
	 * The public ID as it appears in the URL and in the string to sign.
	 * @return the escaped public ID
	 * @throws RefusedInputException when the SDKs would escape it differently
	 */
	public String escapedPublicId() {
		return escape(this.publicId, this.type.equals("fetch"));
	}

	/**
	 * The string whose digest is the signature (the secret excluded).
	 * @return the string to sign
	 */
	public String stringToSign() {
		List<String> parts = new ArrayList<>(2);
		if (this.transformation != null && !this.transformation.isEmpty()) {
			parts.add(this.transformation);
		}
		parts.add(source());
		return mergeSlashes(String.join("/", parts));
	}

	/**
	 * The signature component, {@code s--XXXXXXXX--}.
	 * @param secret the API secret
	 * @param algorithm the account's algorithm (ignored for long signatures, which are
	 * always SHA-256)
	 * @return the component
	 */
	public String signatureComponent(ApiSecret secret, SignatureAlgorithm algorithm) {
		SignatureAlgorithm effective = this.longSignature ? SignatureAlgorithm.SHA256 : algorithm;
		MessageDigest digest = effective.newDigest();
		digest.update(stringToSign().getBytes(StandardCharsets.UTF_8));
		secret.appendTo(digest);
		String encoded = Base64.getUrlEncoder().encodeToString(digest.digest());
		return "s--" + encoded.substring(0, this.longSignature ? 32 : 8) + "--";
	}

	/**
	 * The full signed URL on Cloudinary's shared CDN.
	 * @param signatureComponent the component from
	 * {@link #signatureComponent(ApiSecret, SignatureAlgorithm)}
	 * @return the URL
	 */
	public String url(String signatureComponent) {
		String source = source();
		List<String> parts = new ArrayList<>(8);
		parts.add(SECURE_DELIVERY);
		parts.add(this.cloudName);
		parts.add(this.resourceType);
		parts.add(this.type);
		parts.add(signatureComponent);
		if (this.transformation != null && !this.transformation.isEmpty()) {
			parts.add(this.transformation.replace(" ", "%20"));
		}
		String effectiveVersion = this.version;
		if (effectiveVersion == null && source.contains("/") && !VERSIONED.matcher(source).matches()
				&& !REMOTE.matcher(source).matches()) {
			effectiveVersion = "1";
		}
		if (effectiveVersion != null) {
			parts.add("v" + effectiveVersion);
		}
		parts.add(source);
		String joined = String.join("/", parts);
		int start = SECURE_DELIVERY.length();
		return joined.substring(0, start) + mergeSlashes(joined.substring(start));
	}

	private String source() {
		String source = escapedPublicId();
		return (this.format != null && !this.format.isEmpty()) ? source + "." + this.format : source;
	}

	private static String mergeSlashes(String path) {
		return MERGE_SLASHES.matcher(path).replaceAll("$1/");
	}

	/**
	 * Escapes a public ID as Node, Java and Python agree.
	 * @param publicId the public ID as given
	 * @param remote whether it is a {@code fetch} URL (then only ASCII is accepted)
	 * @return the escaped form
	 * @throws RefusedInputException when the SDKs disagree on it
	 */
	public static String escape(String publicId, boolean remote) {
		String decoded = strictPercentDecode(publicId);
		StringBuilder out = new StringBuilder(decoded.length() + 16);
		for (int i = 0; i < decoded.length(); i++) {
			char c = decoded.charAt(i);
			if (DISPUTED.indexOf(c) >= 0) {
				throw new RefusedInputException("public_id",
						"contains '" + c
								+ "', which Cloudinary's SDKs escape differently (Node leaves ! ' ( ) * ~ as they are, "
								+ "Java and Python escape them); rename the asset or leave the character out");
			}
			if (Character.isISOControl(c)) {
				throw new RefusedInputException("public_id", "contains a control character");
			}
			if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < decoded.length()
					&& Character.isLowSurrogate(decoded.charAt(i + 1)))) {
				throw new RefusedInputException("public_id", "contains a lone UTF-16 surrogate");
			}
			if (remote && c > 0x7e) {
				throw new RefusedInputException("public_id",
						"a fetch URL with non-ASCII characters (raw or percent-encoded) is escaped differently by "
								+ "Node (UTF-16 code units) and by Java and Python (UTF-8); use an ASCII-only remote URL");
			}
			if (Character.isHighSurrogate(c)) {
				appendEscaped(out, decoded.substring(i, i + 2));
				i++;
			}
			else if (isUnreserved(c)) {
				out.append(c);
			}
			else {
				appendEscaped(out, String.valueOf(c));
			}
		}
		return out.toString();
	}

	private static boolean isUnreserved(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
				|| c == '-' || c == '/' || c == ':';
	}

	private static void appendEscaped(StringBuilder out, String text) {
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			out.append('%')
				.append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
				.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
		}
	}

	/**
	 * Decodes {@code %XX} escapes like JavaScript's {@code decodeURIComponent}: a
	 * {@code %} not followed by two hex digits, or escapes that are not valid UTF-8, are
	 * refused (Node throws, Java and Python substitute).
	 */
	private static String strictPercentDecode(String value) {
		if (value.indexOf('%') < 0) {
			return value;
		}
		StringBuilder out = new StringBuilder(value.length());
		int i = 0;
		while (i < value.length()) {
			char c = value.charAt(i);
			if (c != '%') {
				out.append(c);
				i++;
				continue;
			}
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			while (i < value.length() && value.charAt(i) == '%') {
				if (i + 2 >= value.length() || Character.digit(value.charAt(i + 1), 16) < 0
						|| Character.digit(value.charAt(i + 2), 16) < 0) {
					throw new RefusedInputException("public_id",
							"has a '%' that does not start a %XX escape; write it as %25");
				}
				bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
				i += 3;
			}
			out.append(decodeUtf8(bytes.toByteArray()));
		}
		return out.toString();
	}

	private static String decodeUtf8(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new RefusedInputException("public_id", "has %XX escapes that are not valid UTF-8");
		}
	}

}
