package dev.signet.signing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.signet.access.Access;
import dev.signet.assets.UploadRecord;
import dev.signet.codec.StrictJson;
import dev.signet.refusal.ParameterProblem;
import dev.signet.refusal.Refusal;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads signing request bodies strictly: duplicate keys, trailing data, deep nesting,
 * long numbers and unknown fields are refused.
 *
 * @author Signet developers
 */
public final class SignatureRequestReader {

	private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private static final Set<String> RESOURCE_TYPES = Set.of("image", "video", "raw", "auto");

	private static final Set<String> STAMP_FIELDS = Set.of("params", "resource_type", "profile", "explain", "tie");

	private static final Set<String> SESSION_FIELDS = Set.of("params", "resource_type", "profile", "explain", "tie",
			"bytes", "filename", "content_type");

	private static final Set<String> TIES = Set.of(StampRequest.TIE_CONTEXT, StampRequest.TIE_PUBLIC_ID,
			StampRequest.TIE_NONE);

	private static final Pattern FILENAME = Pattern.compile("[^\\p{Cntrl}/\\\\]{1,255}");

	private static final Pattern MEDIA_TYPE = Pattern.compile(
			"[a-z0-9][a-z0-9!#$&^_.+-]{0,62}/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}( *;[ -~]{0,100})?",
			Pattern.CASE_INSENSITIVE);

	private SignatureRequestReader() {
	}

	/**
	 * Reads the body of {@code POST /v1/signatures}.
	 * @param body the raw body
	 * @return the request
	 */
	public static StampRequest readStampRequest(byte[] body) {
		return stampRequest(StrictJson.readObject(body, STAMP_FIELDS));
	}

	/**
	 * Reads the body of {@code POST /v1/uploads}: what {@code POST /v1/signatures} takes,
	 * plus the file's declared {@code bytes}, {@code filename} and {@code content_type}.
	 * @param body the raw body
	 * @return the request
	 */
	public static SessionRequest readSessionRequest(byte[] body) {
		JsonNode root = StrictJson.readObject(body, SESSION_FIELDS);
		Long bytes = null;
		JsonNode bytesNode = root.get("bytes");
		if (bytesNode != null) {
			if (!bytesNode.isIntegralNumber() || !bytesNode.canConvertToLong() || bytesNode.longValue() < 1) {
				throw invalid("bytes must be the file's size in bytes, a whole number of at least 1.");
			}
			bytes = bytesNode.longValue();
		}
		String filename = text(root, "filename", FILENAME,
				"filename must be the file's name: 1 to 255 characters, no control characters and no '/' or '\\'.");
		String contentType = text(root, "content_type", MEDIA_TYPE,
				"content_type must be a media type such as image/jpeg or video/mp4.");
		return new SessionRequest(stampRequest(root), new DeclaredFile(bytes, filename, contentType));
	}

	private static @Nullable String text(JsonNode root, String field, Pattern pattern, String detail) {
		JsonNode node = root.get(field);
		if (node == null) {
			return null;
		}
		if (!node.isString() || !pattern.matcher(node.stringValue()).matches()) {
			throw invalid(detail);
		}
		return node.stringValue();
	}

	private static StampRequest stampRequest(JsonNode root) {
		JsonNode params = root.get("params");
		if (params == null || !params.isObject()) {
			throw invalid("The body must have a params object, e.g. {\"params\": {\"folder\": \"uploads\"}}.");
		}
		String resourceType = "image";
		JsonNode type = root.get("resource_type");
		if (type != null) {
			if (!type.isString() || !RESOURCE_TYPES.contains(type.stringValue())) {
				throw invalid("resource_type must be one of image, video, raw or auto.");
			}
			resourceType = type.stringValue();
		}
		boolean explain = false;
		JsonNode explainNode = root.get("explain");
		if (explainNode != null) {
			if (!explainNode.isBoolean()) {
				throw invalid("explain must be true or false.");
			}
			explain = explainNode.booleanValue();
		}
		String tie = StampRequest.TIE_CONTEXT;
		JsonNode tieNode = root.get("tie");
		if (tieNode != null) {
			if (!tieNode.isString() || !TIES.contains(tieNode.stringValue())) {
				throw invalid("tie must be context (Signet adds a signed context entry: post params as answered), "
						+ "public_id (the profile forces a unique public_id; Signet adds nothing) or none "
						+ "(Signet adds nothing and follows nothing).");
			}
			tie = tieNode.stringValue();
		}
		List<ParameterProblem> problems = new ArrayList<>();
		return new StampRequest(JsonParameters.read(params, problems), problems, resourceType, profile(root), explain,
				tie);
	}

	/**
	 * Reads the body of {@code POST /v1/signatures/widget}: {@code paramsToSign} or
	 * {@code params_to_sign}.
	 * @param body the raw body
	 * @return the parameters
	 */
	public static WidgetRequest readWidgetRequest(byte[] body) {
		JsonNode root = StrictJson.readObject(body, Set.of("paramsToSign", "params_to_sign", "profile"));
		if (root.has("paramsToSign") && root.has("params_to_sign")) {
			throw invalid("Send either paramsToSign or params_to_sign, not both.");
		}
		JsonNode params = root.has("paramsToSign") ? root.get("paramsToSign") : root.get("params_to_sign");
		if (params == null || !params.isObject()) {
			throw invalid("The body must have a paramsToSign object, as next-cloudinary and the Upload Widget send.");
		}
		List<ParameterProblem> problems = new ArrayList<>();
		return new WidgetRequest(JsonParameters.read(params, problems), problems, profile(root));
	}

	/**
	 * Parses a JSON object of parameters without a request envelope (command line).
	 * @param json the JSON text
	 * @return the parameters
	 */
	public static Map<String, ParamValue> readParameters(byte[] json) {
		return parameters(StrictJson.readAnyObject(json));
	}

	private static @Nullable String profile(JsonNode root) {
		JsonNode profile = root.get("profile");
		if (profile == null) {
			return null;
		}
		if (!profile.isString() || !PROFILE.matcher(profile.stringValue()).matches()) {
			throw invalid("profile must be the name of a signing profile (letters, digits, '-' and '_').");
		}
		return profile.stringValue();
	}

	private static Map<String, ParamValue> parameters(JsonNode params) {
		List<ParameterProblem> problems = new ArrayList<>();
		Map<String, ParamValue> values = JsonParameters.read(params, problems);
		if (!problems.isEmpty()) {
			throw UploadSignatures.refusal(problems, Map.of());
		}
		return values;
	}

	private static Refusal invalid(String detail) {
		return StrictJson.invalid(detail);
	}

	/**
	 * A request for a Signet-stamped signature.
	 *
	 * @param params the client's accepted upload parameters
	 * @param problems the parameters refused while reading
	 * @param resourceType the resource type that picks the upload URL
	 * @param profile the profile named in the request, or {@code null}
	 * @param explain whether the caller asks for the string to sign
	 * @param tie how the upload is tied to its record: {@value #TIE_CONTEXT} (default),
	 * {@value #TIE_PUBLIC_ID} or {@value #TIE_NONE}
	 */
	public record StampRequest(Map<String, ParamValue> params, List<ParameterProblem> problems, String resourceType,
			@Nullable String profile, boolean explain, String tie) implements Access.ProfileRequest {

		/** Signet adds the signed context entry {@code signet_upload_id=<id>}. */
		public static final String TIE_CONTEXT = "context";

		/**
		 * Signet adds nothing; the profile's forced unique {@code public_id} ties the
		 * upload (clients that post their own options: mobile SDKs).
		 */
		public static final String TIE_PUBLIC_ID = "public_id";

		/**
		 * Signet adds nothing and keeps no record; only for profiles with no rule on
		 * assets.
		 */
		public static final String TIE_NONE = "none";

		/**
		 * How the record of an upload signed for this request is tied.
		 * @return {@link UploadRecord#TIE_PUBLIC_ID} for {@code tie: public_id}, else
		 * {@link UploadRecord#TIE_CONTEXT}
		 */
		public String recordTie() {
			return TIE_PUBLIC_ID.equals(this.tie) ? UploadRecord.TIE_PUBLIC_ID : UploadRecord.TIE_CONTEXT;
		}

	}

	/**
	 * A request for an upload session: a stamped signature's request and the declared
	 * file.
	 *
	 * @param stamp what {@code POST /v1/signatures} takes
	 * @param file what the client declares about the file
	 */
	public record SessionRequest(StampRequest stamp, DeclaredFile file) implements Access.ProfileRequest {

		@Override
		public @Nullable String profile() {
			return this.stamp.profile();
		}

	}

	/**
	 * A request from the Upload Widget.
	 *
	 * @param params the widget's accepted parameters
	 * @param problems the parameters refused while reading
	 * @param profile the profile named in the request, or {@code null}
	 */
	public record WidgetRequest(Map<String, ParamValue> params, List<ParameterProblem> problems,
			@Nullable String profile) implements Access.ProfileRequest {

		/**
		 * The same request naming a profile, when it names none itself.
		 * @param fallback the profile from the query string, or {@code null}
		 * @return the request
		 */
		public WidgetRequest withProfileFallback(@Nullable String fallback) {
			return (this.profile != null || fallback == null) ? this
					: new WidgetRequest(this.params, this.problems, fallback);
		}

	}

}
