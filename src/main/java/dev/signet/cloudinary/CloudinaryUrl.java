package dev.signet.cloudinary;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Parses Cloudinary's {@code cloudinary://API_KEY:API_SECRET@CLOUD_NAME?option=value}
 * convention. Every failure names the variable and the broken rule, never the value.
 *
 * @author Signet developers
 */
public final class CloudinaryUrl {

	private static final String SCHEME = "cloudinary://";

	private static final String FORM = "cloudinary://API_KEY:API_SECRET@CLOUD_NAME";

	private static final Pattern DIGITS = Pattern.compile("[0-9]+");

	private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]+");

	private static final Pattern CLOUD_NAME = Pattern.compile("[A-Za-z0-9_-]+");

	/** Options of Cloudinary's URL that do not change how uploads are signed. */
	private static final Set<String> IGNORED_OPTIONS = Set.of("secure", "cname", "private_cdn", "secure_distribution",
			"cdn_subdomain", "secure_cdn_subdomain", "analytics", "url_analytics");

	private CloudinaryUrl() {
	}

	/**
	 * Parses a Cloudinary URL.
	 * @param value the URL, {@code null} when not set
	 * @param variable the name of the setting, for messages
	 * @return the account
	 * @throws MalformedSettingException when missing or malformed
	 */
	public static CloudinaryAccount parse(@Nullable String value, String variable) {
		if (value == null || value.isEmpty()) {
			throw new MalformedSettingException(variable,
					"it is not set. Set it to " + FORM + " (from the Cloudinary console), "
							+ "or mount it as a file named " + variable + " in the config tree directory");
		}
		if (!value.equals(value.strip())) {
			throw new MalformedSettingException(variable, "it has leading or trailing whitespace or a line break; "
					+ "remove it (a secret created with echo or copied from a .env file often ends with one)");
		}
		char first = value.charAt(0);
		char last = value.charAt(value.length() - 1);
		if (first == '"' || first == '\'' || last == '"' || last == '\'') {
			throw new MalformedSettingException(variable, "it is wrapped in quotes; remove them");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
				throw new MalformedSettingException(variable,
						"it contains whitespace or control characters; " + "the expected form is " + FORM);
			}
		}
		if (!value.startsWith(SCHEME)) {
			throw new MalformedSettingException(variable,
					"it must start with cloudinary:// (the form is " + FORM + ")");
		}
		String rest = value.substring(SCHEME.length());
		String query = null;
		int queryStart = rest.indexOf('?');
		if (queryStart >= 0) {
			query = rest.substring(queryStart + 1);
			rest = rest.substring(0, queryStart);
		}
		int at = rest.indexOf('@');
		if (at < 0 || at != rest.lastIndexOf('@')) {
			throw new MalformedSettingException(variable,
					"it must contain exactly one '@' before the cloud name (the form is " + FORM + ")");
		}
		String credentials = rest.substring(0, at);
		String cloudName = rest.substring(at + 1);
		int colon = credentials.indexOf(':');
		if (colon < 0 || colon != credentials.lastIndexOf(':')) {
			throw new MalformedSettingException(variable,
					"the part before '@' must be API_KEY:API_SECRET with exactly one ':' (the form is " + FORM + ")");
		}
		String apiKey = credentials.substring(0, colon);
		String secret = credentials.substring(colon + 1);
		if (apiKey.isEmpty()) {
			throw new MalformedSettingException(variable, "the API key part is empty (the form is " + FORM + ")");
		}
		if (secret.isEmpty()) {
			throw new MalformedSettingException(variable, "the API secret part is empty (the form is " + FORM + ")");
		}
		if (cloudName.isEmpty()) {
			throw new MalformedSettingException(variable, "the cloud name part is empty (the form is " + FORM + ")");
		}
		if (!DIGITS.matcher(apiKey).matches()) {
			if (DIGITS.matcher(secret).matches()) {
				throw new MalformedSettingException(variable, "the API key and the API secret look swapped: "
						+ "the numeric API key comes first (the form is " + FORM + ")");
			}
			throw new MalformedSettingException(variable,
					"the API key part must be Cloudinary's numeric API key (the form is " + FORM + ")");
		}
		if (!SECRET.matcher(secret).matches()) {
			throw new MalformedSettingException(variable,
					"the API secret part has characters a Cloudinary secret never has (letters, digits, '-' and '_' only)");
		}
		if (!CLOUD_NAME.matcher(cloudName).matches()) {
			throw new MalformedSettingException(variable,
					"the cloud name may contain only letters, digits, '-' and '_' and no path");
		}
		SignatureAlgorithm algorithm = SignatureAlgorithm.SHA1;
		int signatureVersion = 2;
		String uploadPrefix = CloudinaryAccount.DEFAULT_UPLOAD_PREFIX;
		if (query != null && !query.isEmpty()) {
			for (String option : query.split("&", -1)) {
				int equals = option.indexOf('=');
				String name = (equals < 0) ? option : option.substring(0, equals);
				String optionValue = (equals < 0) ? "" : option.substring(equals + 1);
				switch (name) {
					case "signature_algorithm" -> {
						algorithm = SignatureAlgorithm.fromName(optionValue);
						if (algorithm == null) {
							throw new MalformedSettingException(variable,
									"option signature_algorithm must be sha1 or sha256");
						}
					}
					case "signature_version" -> {
						if (!optionValue.equals("1") && !optionValue.equals("2")) {
							throw new MalformedSettingException(variable, "option signature_version must be 1 or 2");
						}
						signatureVersion = Integer.parseInt(optionValue);
					}
					case "upload_prefix" -> uploadPrefix = uploadPrefix(optionValue, variable);
					default -> {
						if (!IGNORED_OPTIONS.contains(name)) {
							throw new MalformedSettingException(variable, "option '" + safeName(name)
									+ "' is unknown; supported: signature_algorithm, signature_version, upload_prefix");
						}
					}
				}
			}
		}
		return new CloudinaryAccount(cloudName, apiKey, ApiSecret.of(secret), algorithm, signatureVersion,
				uploadPrefix);
	}

	private static String uploadPrefix(String value, String variable) {
		String problem = "option upload_prefix must be an http(s) URL with a host and no path, "
				+ "such as https://api-eu.cloudinary.com";
		try {
			URI uri = new URI(value);
			String scheme = uri.getScheme();
			boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
			if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
					|| !pathless || uri.getRawQuery() != null || uri.getRawFragment() != null
					|| uri.getRawUserInfo() != null) {
				throw new MalformedSettingException(variable, problem);
			}
			return scheme + "://" + uri.getRawAuthority();
		}
		catch (URISyntaxException ex) {
			throw new MalformedSettingException(variable, problem);
		}
	}

	private static String safeName(String name) {
		return (name.length() <= 40 && name.matches("[a-z_]*")) ? name : "(unprintable)";
	}

}
