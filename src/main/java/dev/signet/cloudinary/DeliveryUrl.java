package dev.signet.cloudinary;

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
 * of SHA-256 for {@code long_url_signature}. Only public IDs that all seven official SDKs
 * sign alike are accepted: {@code A-Z a-z 0-9 _ . - / :}, no {@code %}, no repeated
 * {@code /} (see {@link #escape(String, boolean)} and docs/sdk-panel.md); they need no
 * escaping, so the URL, the string to sign and the string a profile checks are one.
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
	 * The public ID as every official SDK puts it into the string to sign, or a refusal.
	 * <p>
	 * The seven SDKs (docs/sdk-panel.md) build the signed source in three ways: Node,
	 * Java and Python percent-decode the public ID and escape it again (each with its own
	 * safe set), Ruby and .NET sign it unescaped, PHP and Go sign it as given. The three
	 * agree only when the public ID holds nothing but {@code A-Z a-z 0-9 _ . - / :}, no
	 * {@code %} and no repeated {@code /} (which some SDKs merge), because then given,
	 * decoded and escaped forms are one string. Everything else is refused; so the string
	 * that is checked against a profile is the string that is signed.
	 * @param publicId the public ID as given
	 * @param remote whether it is a {@code fetch} URL (its {@code scheme://} is allowed)
	 * @return the public ID, unchanged
	 * @throws RefusedInputException when the SDKs disagree on it
	 */
	public static String escape(String publicId, boolean remote) {
		for (int i = 0; i < publicId.length(); i++) {
			char c = publicId.charAt(i);
			if (!isAgreed(c)) {
				throw disagreement(why(c));
			}
		}
		int path = remote ? publicId.indexOf("://") + 3 : 0;
		if (publicId.indexOf("//", Math.max(path, 0)) >= 0) {
			throw disagreement("'//': Node, Java, Python, Ruby and .NET merge repeated slashes, PHP and Go sign them "
					+ "as given");
		}
		return publicId;
	}

	private static RefusedInputException disagreement(String why) {
		return new RefusedInputException("public_id", "the official SDKs sign this public ID differently (" + why
				+ "); Signet refuses it rather than guess: use only A-Z a-z 0-9 _ . - / : and single slashes");
	}

	private static String why(char c) {
		if (c == '%') {
			return "'%' or a %XX escape: Node, Java and Python decode it and escape it again, Ruby and .NET sign it "
					+ "unescaped, PHP and Go sign it as given";
		}
		if (c > 0x7e) {
			return "a non-ASCII character: Node, Java and Python sign it percent-encoded (Node as UTF-16 code units "
					+ "in fetch URLs), Ruby, .NET, PHP and Go sign the raw character";
		}
		if (Character.isISOControl(c)) {
			return "a control character";
		}
		if ("!'()*~".indexOf(c) >= 0) {
			return "'" + c + "': Node leaves ! ' ( ) * ~ unescaped (.NET leaves *), Java and Python escape them, "
					+ "Ruby, PHP and Go sign the raw character";
		}
		return "'" + c + "': Node, Java, Python and .NET sign it percent-encoded, Ruby, PHP and Go sign the raw "
				+ "character (.NET too when the ID also has non-ASCII characters)";
	}

	private static boolean isAgreed(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
				|| c == '-' || c == '/' || c == ':';
	}

}
