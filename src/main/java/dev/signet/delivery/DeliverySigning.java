package dev.signet.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.signet.access.Access;
import dev.signet.access.Caller;
import dev.signet.access.Grant;
import dev.signet.access.Issue;
import dev.signet.cloudinary.AuthToken;
import dev.signet.cloudinary.AuthTokenKey;
import dev.signet.cloudinary.CloudinaryAccount;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.cloudinary.DeliveryUrl;
import dev.signet.cloudinary.KeyRing;
import dev.signet.cloudinary.RefusedInputException;
import dev.signet.codec.StrictJson;
import dev.signet.refusal.ParameterProblem;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Signs delivery URLs and issues auth tokens within the caller's delivery profile. Plain
 * Java: request bodies in, responses or problems out.
 *
 * @author Signet developers
 */
final class DeliverySigning {

	private static final Set<String> URL_FIELDS = Set.of("profile", "public_id", "transformation", "format", "version",
			"resource_type", "type", "long_url_signature");

	private static final Set<String> TOKEN_FIELDS = Set.of("profile", "acl", "url", "start_time", "duration",
			"expiration", "ip");

	/** 9999-12-31T23:59:59Z: the largest start, expiration or duration accepted. */
	private static final long LAST_UNIX_SECOND = 253402300799L;

	private static final Pattern TRANSFORMATION = Pattern.compile("[A-Za-z0-9_,.:$!/ -]{1,1024}");

	/** The URL keys of Cloudinary's transformation parameters, then '_' and a value. */
	private static final Pattern TRANSFORMATION_ITEM = Pattern
		.compile("(a|ac|af|ar|b|bo|br|c|co|cs|d|dl|dn|dpr|du|e|eo|f|fl|fn|fps|g|h|if|ki|l|o|p|pg|q|r|so|sp|t|u|vc|vs"
				+ "|w|x|y|z|\\$[A-Za-z][A-Za-z0-9]*)_.+");

	private static final Pattern FORMAT = Pattern.compile("[a-z0-9]{1,10}");

	private static final Pattern REMOTE = Pattern.compile("https?://[^/?#\\s]+(/.*)?", Pattern.DOTALL);

	private static final Pattern IPV4 = Pattern
		.compile("((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");

	private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]{2,39}");

	private final CloudinaryAccounts accounts;

	private final Clock clock;

	DeliverySigning(CloudinaryAccounts accounts, Clock clock) {
		this.accounts = accounts;
		this.clock = clock;
	}

	/**
	 * Reads a request for a signed delivery URL.
	 * @param body the JSON body
	 * @return the typed request
	 */
	static DeliveryRequest readUrlRequest(byte @Nullable [] body) {
		return DeliveryRequest.of(StrictJson.readObject(body, URL_FIELDS));
	}

	/**
	 * Reads a request for an auth token.
	 * @param body the JSON body
	 * @return the typed request
	 */
	static DeliveryRequest readTokenRequest(byte @Nullable [] body) {
		return DeliveryRequest.of(StrictJson.readObject(body, TOKEN_FIELDS));
	}

	Issue<DeliveryUrlResponse> signUrl(DeliveryRequest request, DeliveryProfiles.Profile profile, Caller caller) {
		JsonNode root = request.root();
		String publicId = StrictJson.string(root, "public_id", true);
		String transformation = StrictJson.string(root, "transformation", false);
		String format = StrictJson.string(root, "format", false);
		String version = StrictJson.digits(root, "version", false);
		String resourceType = orDefault(StrictJson.string(root, "resource_type", false), "image");
		String type = orDefault(StrictJson.string(root, "type", false), "upload");
		boolean longSignature = StrictJson.bool(root, "long_url_signature");
		List<ParameterProblem> problems = new ArrayList<>();
		if (!profile.settings().resourceTypes().contains(resourceType)) {
			problems
				.add(notAllowed("resource_type", "this profile signs " + sorted(profile.settings().resourceTypes())));
		}
		if (!profile.settings().types().contains(type)) {
			problems.add(notAllowed("type", "this profile signs " + sorted(profile.settings().types())));
		}
		String signedId = signedPublicId(publicId, type.equals("fetch"), problems);
		if (signedId != null && !profile.allowsPublicId(signedId)) {
			problems.add(notAllowed("public_id", "outside the public IDs of this profile"));
		}
		String effectiveTransformation = (transformation != null) ? transformation : "";
		if (!effectiveTransformation.isEmpty() && (!TRANSFORMATION.matcher(effectiveTransformation).matches()
				|| effectiveTransformation.startsWith("/") || effectiveTransformation.endsWith("/")
				|| effectiveTransformation.contains("//"))) {
			problems.add(invalid("transformation", "only letters, digits, spaces and _ , . : $ ! / - are accepted, "
					+ "without leading, trailing or doubled '/' (no '%': encoded and raw forms sign differently)"));
		}
		else if (!effectiveTransformation.isEmpty() && !isTransformation(effectiveTransformation)) {
			problems.add(invalid("transformation",
					"every '/'-separated component must be a comma-separated list "
							+ "of transformation parameters such as c_fill,w_200 (or a variable $name_value): other "
							+ "segments read as folders of the public ID, outside the profile's public IDs"));
		}
		else if (!profile.allowsTransformation(effectiveTransformation)) {
			problems.add(notAllowed("transformation", "not among the transformations of this profile"));
		}
		if (format != null && !FORMAT.matcher(format).matches()) {
			problems.add(invalid("format", "must be 1 to 10 lowercase letters or digits, such as jpg"));
		}
		KeyRing ring = this.accounts.keyRing(profile.settings().account());
		CloudinaryAccount key = ring.active();
		DeliveryUrl url = new DeliveryUrl(key.cloudName(), publicId, transformation, format, version, resourceType,
				type, longSignature);
		if (!problems.isEmpty()) {
			throw refusal(problems);
		}
		String component = url.signatureComponent(key.secret(), key.algorithm());
		DeliveryUrlResponse response = new DeliveryUrlResponse(url.url(component), component, profile.name(),
				ring.name(), key.apiKey(), key.cloudName());
		return new Issue<>(response,
				new Grant(ring.name(), key.apiKey(), key.algorithm().configName(), null, request.fields(), null));
	}

	Issue<AuthTokenResponse> issueToken(DeliveryRequest request, DeliveryProfiles.Profile profile, Caller caller) {
		JsonNode root = request.root();
		List<String> acls = acls(root);
		String url = StrictJson.string(root, "url", false);
		Long startTime = StrictJson.wholeNumber(root, "start_time", false, LAST_UNIX_SECOND);
		Long duration = StrictJson.wholeNumber(root, "duration", false, LAST_UNIX_SECOND);
		Long expiration = StrictJson.wholeNumber(root, "expiration", false, LAST_UNIX_SECOND);
		String ip = StrictJson.string(root, "ip", false);
		if (acls.isEmpty() && url == null) {
			throw StrictJson.invalid("Give acl (a path pattern such as /image/authenticated/*) or url (a path).");
		}
		if (duration != null && expiration != null) {
			throw StrictJson.invalid("Give either duration or expiration, not both.");
		}
		try {
			AuthToken.checkStartTime(startTime);
		}
		catch (RefusedInputException ex) {
			throw refusal(List.of(invalid(ex.getField(), ex.getReason())));
		}
		List<ParameterProblem> problems = new ArrayList<>();
		for (String acl : acls) {
			checkPath("acl", acl, profile, problems);
		}
		if (url != null) {
			checkPath("url", url, profile, problems);
		}
		if (ip != null && !IPV4.matcher(ip).matches() && !(ip.contains(":") && IPV6.matcher(ip).matches())) {
			problems.add(invalid("ip", "must be an IPv4 or IPv6 address"));
		}
		long now = this.clock.instant().getEpochSecond();
		long maxSeconds = profile.settings().maxTokenDuration().toSeconds();
		long from = (startTime != null) ? startTime : now;
		long expires = (expiration != null) ? expiration : from + ((duration != null) ? duration : maxSeconds);
		if (duration != null && duration == 0) {
			problems.add(invalid("duration", "must be at least 1 second"));
		}
		else if (expires <= now) {
			problems
				.add(invalid((expiration != null) ? "expiration" : "duration", "the token would already be expired"));
		}
		else if (expires - now > maxSeconds) {
			problems.add(notAllowed((expiration != null) ? "expiration" : "duration",
					"this profile issues tokens valid for at most " + maxSeconds + " s from now"));
		}
		if (startTime != null && startTime > expires) {
			problems.add(invalid("start_time", "must not be after the expiration"));
		}
		if (!problems.isEmpty()) {
			throw refusal(problems);
		}
		KeyRing ring = this.accounts.keyRing(profile.settings().account());
		AuthTokenKey tokenKey = ring.tokenKey();
		if (tokenKey == null) {
			throw new Refusal(Reason.NOT_CONFIGURED,
					"Account '" + ring.name()
							+ "' has no token key: set CLOUDINARY_AUTH_TOKEN_KEY (or signet.cloudinary.accounts."
							+ ring.name() + ".auth-token-key) to the token key of the Cloudinary console.");
		}
		String token;
		try {
			token = new AuthToken(ip, startTime, expires, acls, url).generate(tokenKey);
		}
		catch (RefusedInputException ex) {
			throw refusal(List.of(invalid(ex.getField(), ex.getReason())));
		}
		String query = AuthToken.NAME + "=" + token;
		AuthTokenResponse response = new AuthTokenResponse(token, query, AuthToken.NAME,
				(url != null) ? url + (url.contains("?") ? "&" : "?") + query : null, startTime, expires,
				Instant.ofEpochSecond(expires).toString(), profile.name(), ring.name(), tokenKey.fingerprint());
		return new Issue<>(response,
				new Grant(ring.name(), ring.active().apiKey(), null, null, request.fields(), null));
	}

	private static List<String> acls(JsonNode root) {
		JsonNode node = root.get("acl");
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (node.isString()) {
			return List.of(node.stringValue());
		}
		if (node.isArray() && !node.isEmpty() && node.size() <= 20) {
			List<String> acls = new ArrayList<>();
			for (JsonNode item : node.values()) {
				if (!item.isString()) {
					throw StrictJson.invalid("acl must be a string or an array of 1 to 20 strings.");
				}
				acls.add(item.stringValue());
			}
			return acls;
		}
		throw StrictJson.invalid("acl must be a string or an array of 1 to 20 strings.");
	}

	/**
	 * Whether every component of a transformation is one: Cloudinary reads a component
	 * that is not (such as {@code private}, {@code .} or {@code ..}) as a folder of the
	 * public ID, so a signed URL could reach an asset outside the profile's public IDs.
	 * @param transformation the transformation to check
	 * @return whether every component is a transformation
	 */
	static boolean isTransformation(String transformation) {
		for (String component : transformation.split("/", -1)) {
			for (String item : component.split(",", -1)) {
				if (!TRANSFORMATION_ITEM.matcher(item).matches()) {
					return false;
				}
			}
		}
		return true;
	}

	private static void checkPath(String field, String path, DeliveryProfiles.Profile profile,
			List<ParameterProblem> problems) {
		if (!path.startsWith("/") || path.length() > 1024) {
			problems.add(invalid(field, "must be a path starting with '/', at most 1024 characters"));
		}
		else if (path.contains("/../") || path.endsWith("/..") || path.contains("/./") || path.contains("!")) {
			problems.add(invalid(field, "must not contain '.' or '..' segments or '!' (which separates ACLs)"));
		}
		else if (path.indexOf('%') >= 0) {
			// Checked as given but matched by the CDN after decoding: '%2e%2e' would
			// climb out
			// of the token paths, as escaped public IDs did (issue 12, finding 10).
			problems.add(invalid(field, "must not contain '%' escapes: give the path as the CDN matches it"));
		}
		else if (!profile.allowsTokenPath(path)) {
			problems.add(notAllowed(field, "outside the token paths of this profile"));
		}
	}

	/**
	 * The public ID in the form that is signed, refusing what the SDKs sign differently
	 * first, so that the shape and profile checks see exactly what is signed (an escaped
	 * {@code %2E%2E%2F} never reaches them as harmless text).
	 * @param publicId the public ID as requested
	 * @param remote whether the public ID is a remote URL (fetch)
	 * @param problems where a refusal is added
	 * @return the public ID as signed, or {@code null} when it is refused
	 */
	private static @Nullable String signedPublicId(String publicId, boolean remote, List<ParameterProblem> problems) {
		if (publicId.isEmpty() || publicId.length() > 1024) {
			problems.add(invalid("public_id", "must be 1 to 1024 characters"));
			return null;
		}
		String signed;
		try {
			signed = DeliveryUrl.escape(publicId, remote);
		}
		catch (RefusedInputException ex) {
			problems.add(invalid(ex.getField(), ex.getReason()));
			return null;
		}
		String problem = publicIdProblem(signed, remote);
		if (problem != null) {
			problems.add(invalid("public_id", problem));
			return null;
		}
		return signed;
	}

	private static @Nullable String publicIdProblem(String publicId, boolean remote) {
		if (publicId.isEmpty() || publicId.length() > 1024) {
			return "must be 1 to 1024 characters";
		}
		if (remote) {
			return REMOTE.matcher(publicId).matches() ? null : "a fetch URL must be an absolute http(s) URL";
		}
		if (publicId.startsWith("/") || publicId.endsWith("/")) {
			return "no leading or trailing '/' is allowed";
		}
		for (String segment : publicId.split("/", -1)) {
			if (segment.equals(".") || segment.equals("..")) {
				return "'.' and '..' segments are not allowed";
			}
		}
		return null;
	}

	private static Refusal refusal(List<ParameterProblem> problems) {
		boolean onlyNotAllowed = problems.stream().allMatch((p) -> p.code().equals(ParameterProblem.NOT_ALLOWED));
		StringBuilder detail = new StringBuilder("Signet refused ");
		detail.append((problems.size() == 1) ? "this field" : problems.size() + " fields").append(": ");
		for (int i = 0; i < problems.size(); i++) {
			detail.append((i > 0) ? "; " : "")
				.append(problems.get(i).name())
				.append(" (")
				.append(problems.get(i).reason())
				.append(')');
		}
		return new Refusal(onlyNotAllowed ? Reason.PARAMETER_NOT_ALLOWED : Reason.INVALID_PARAMETER,
				detail.append('.').toString(), problems, Map.of());
	}

	private static ParameterProblem invalid(String name, String reason) {
		return new ParameterProblem(name, ParameterProblem.INVALID_VALUE, reason);
	}

	private static ParameterProblem notAllowed(String name, String reason) {
		return new ParameterProblem(name, ParameterProblem.NOT_ALLOWED, reason);
	}

	private static String orDefault(@Nullable String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	private static String sorted(Set<String> values) {
		return String.join(", ", values.stream().sorted().toList());
	}

	/**
	 * An issued URL or token, with what the audit log needs.
	 * @param <T> the response type
	 * @param response the response
	 * @param profile the profile
	 * @param account the account
	 * @param apiKey the API key of the account's active key
	 */
	/**
	 * A delivery request read from its JSON body.
	 *
	 * @param root the body
	 * @param profile the profile it names, or {@code null}
	 */
	record DeliveryRequest(JsonNode root, @Nullable String profile) implements Access.ProfileRequest {

		static DeliveryRequest of(JsonNode root) {
			return new DeliveryRequest(root, StrictJson.string(root, "profile", false));
		}

		List<String> fields() {
			return this.root.propertyNames().stream().sorted().toList();
		}

	}

}
