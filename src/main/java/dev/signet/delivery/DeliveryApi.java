package dev.signet.delivery;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.signet.access.CallerClaim;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAPI description of the delivery endpoints, kept apart from the controller.
 *
 * @author Signet developers
 */
@Tag(name = "delivery", description = "Signed delivery URLs and token-based authentication")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
interface DeliveryApi {

	/**
	 * The media type of a problem response.
	 */
	String PROBLEM = "application/problem+json";

	@Operation(summary = "Sign a delivery URL",
			description = "Builds the s--XXXXXXXX-- component (32 characters of SHA-256 with long_url_signature) "
					+ "and the full URL, as Cloudinary's SDKs do, within the caller's delivery profile. Public IDs "
					+ "on which the seven official SDKs disagree (any character outside A-Z a-z 0-9 _ . - / :, "
					+ "such as spaces, %XX escapes or non-ASCII, and '//') are refused with 400.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = UrlRequestDoc.class),
							examples = @ExampleObject("{\"public_id\": \"folder/sample\", \"transformation\": "
									+ "\"c_fill,w_200\", \"format\": \"jpg\", \"type\": \"authenticated\"}"))))
	@ApiResponse(responseCode = "200", description = "Signed",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = DeliveryUrlResponse.class),
					examples = @ExampleObject("{\"url\": \"https://res.cloudinary.com/demo/image/"
							+ "authenticated/s--8JqrVVE7--/c_fill,w_200/v1/folder/sample.jpg\", \"signature\": "
							+ "\"s--8JqrVVE7--\", \"profile\": \"thumbnails\", \"account\": \"default\", "
							+ "\"api_key\": \"123456789012345\", \"cloud_name\": \"demo\"}")))
	@ApiResponse(responseCode = "400", description = "Malformed body or refused fields",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "401", description = "Missing or wrong credentials",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "403", description = "Without the signing scope, or no delivery profile for the caller",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "415", description = "Body not JSON", content = @Content(mediaType = PROBLEM))
	DeliveryUrlResponse signUrl(byte @Nullable [] body, @Parameter(hidden = true) CallerClaim claim,
			@Parameter(hidden = true) HttpServletResponse response);

	@Operation(summary = "Issue a __cld_token__ auth token",
			description = "HMAC-SHA256 with the account's token key (CLOUDINARY_AUTH_TOKEN_KEY), for an ACL or a "
					+ "URL path, with start time, duration or expiration and an optional IP; returned as a query "
					+ "parameter and as a cookie value. ACLs and URLs must start with one of the profile's token "
					+ "paths.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
					mediaType = "application/json", schema = @Schema(implementation = TokenRequestDoc.class),
					examples = @ExampleObject("{\"acl\": \"/image/authenticated/*\", " + "\"duration\": 600}"))))
	@ApiResponse(responseCode = "200", description = "Issued",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = AuthTokenResponse.class),
					examples = @ExampleObject("{\"token\": \"exp=1764377600~acl=%2fimage%2fauthenticated%2f*"
							+ "~hmac=5bf2…\", \"query\": \"__cld_token__=exp=1764377600~acl=…\", \"cookie_name\": "
							+ "\"__cld_token__\", \"expiration\": 1764377600, \"expires_at\": "
							+ "\"2025-11-29T01:53:20Z\", \"profile\": \"private-media\", \"account\": \"default\", "
							+ "\"token_key_fingerprint\": \"9f86d081\"}")))
	@ApiResponse(responseCode = "400", description = "Malformed body or refused fields",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "401", description = "Missing or wrong credentials",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "403", description = "Without the signing scope, or no delivery profile for the caller",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "415", description = "Body not JSON", content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "501", description = "The account has no token key",
			content = @Content(mediaType = PROBLEM))
	AuthTokenResponse issueToken(byte @Nullable [] body, @Parameter(hidden = true) CallerClaim claim,
			@Parameter(hidden = true) HttpServletResponse response);

	// @formatter:off (spring-javaformat would write "( {" and "){" here, which checkstyle refuses)
	/**
	 * Request body of {@code POST /v1/delivery-urls}.
	 *
	 * @param profile the delivery profile (optional when only one is open to the caller)
	 * @param publicId the public ID, or the remote URL for type fetch
	 * @param transformation the raw transformation string, such as c_fill,w_200
	 * @param format the extension, such as jpg
	 * @param version the asset version (not signed, shown in the URL)
	 * @param resourceType image (default), video or raw
	 * @param type upload (default), authenticated, private or fetch
	 * @param longUrlSignature sign with SHA-256 and 32 characters
	 */
	@Schema(name = "DeliveryUrlRequest")
	record UrlRequestDoc(@Nullable String profile,
			@JsonProperty("public_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String publicId,
			@Nullable String transformation, @Nullable String format, @Nullable Long version,
			@JsonProperty("resource_type") @Schema(allowableValues = { "image", "video", "raw" })
			@Nullable String resourceType,
			@Schema(allowableValues = { "upload", "authenticated", "private", "fetch" }) @Nullable String type,
			@JsonProperty("long_url_signature") @Nullable Boolean longUrlSignature) {

	}
	// @formatter:on

	/**
	 * Request body of {@code POST /v1/auth-tokens}.
	 *
	 * @param profile the delivery profile (optional when only one is open to the caller)
	 * @param acl one ACL pattern or several, such as /image/authenticated/*
	 * @param url a URL path, signed when no ACL is given
	 * @param startTime the UNIX time the token becomes valid
	 * @param duration seconds of validity from start_time (or now)
	 * @param expiration the UNIX time the token expires (instead of duration)
	 * @param ip the client IP the token is bound to
	 */
	@Schema(name = "AuthTokenRequest")
	record TokenRequestDoc(@Nullable String profile, @Nullable List<String> acl, @Nullable String url,
			@JsonProperty("start_time") @Nullable Long startTime, @Nullable Long duration, @Nullable Long expiration,
			@Nullable String ip) {

	}

}
