package dev.signet.notification;

import dev.signet.access.CallerClaim;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAPI description of the notification endpoints, kept apart from the controller.
 *
 * @author Signet developers
 */
@Tag(name = "notifications", description = "Cloudinary notifications (webhooks): verification and receiving")
interface NotificationApi {

	/**
	 * The media type of a problem response.
	 */
	String PROBLEM = "application/problem+json";

	@Operation(summary = "Verify a Cloudinary notification for another backend",
			description = "Forward the raw body exactly as received, with Cloudinary's X-Cld-Signature and "
					+ "X-Cld-Timestamp headers. Signet checks the signature against every key of the account "
					+ "(constant time) and the timestamp against a window (2 hours old, 5 minutes ahead by "
					+ "default) and answers 200 with valid true or false and the reason.",
			security = { @SecurityRequirement(name = "apiKey"), @SecurityRequirement(name = "bearer") },
			parameters = {
					@Parameter(name = "X-Cld-Signature", in = ParameterIn.HEADER,
							description = "Cloudinary's signature header, as received"),
					@Parameter(name = "X-Cld-Timestamp", in = ParameterIn.HEADER,
							description = "Cloudinary's timestamp header, as received"),
					@Parameter(name = "account", in = ParameterIn.QUERY,
							description = "The Signet account the notification is for (default: default)") },
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					description = "The notification body, byte for byte",
					content = @Content(mediaType = "application/json",
							examples = @ExampleObject("{\"notification_type\":\"upload\","
									+ "\"public_id\":\"sample\",\"version\":1315060510}"))))
	@ApiResponse(responseCode = "200", description = "The verdict",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = NotificationVerification.class),
					examples = @ExampleObject("{\"valid\": false, \"reason\": \"too_old\", \"detail\": "
							+ "\"The notification is 9000 s old; notifications older than 7200 s are refused as "
							+ "replays.\", \"account\": \"default\", \"api_key\": \"123456789012345\", "
							+ "\"timestamp\": 1764370000}")))
	@ApiResponse(responseCode = "400", description = "Unknown account", content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "401", description = "Missing or wrong credentials",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "403", description = "Authenticated without the signing scope",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "413", description = "Body too large", content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "415", description = "Form or multipart body (raw bytes cannot be kept)",
			content = @Content(mediaType = PROBLEM))
	NotificationVerification verify(@Nullable String signature, @Nullable String timestamp, String account,
			@Parameter(hidden = true) CallerClaim claim, @Parameter(hidden = true) HttpServletRequest request,
			@Parameter(hidden = true) HttpServletResponse response);

	@Operation(summary = "Receive a notification from Cloudinary",
			description = "Set this URL (with /{account} for a named account) as Cloudinary's notification URL. "
					+ "Called by Cloudinary itself, so it takes no API key: the notification signature "
					+ "authenticates it. Valid notifications not seen before inside the window are queued and "
					+ "forwarded to signet.notifications.forward.url with retries; replays are dropped. "
					+ "The headers are checked before the body is read; the body must be one JSON object.",
			security = {},
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					description = "The notification body as Cloudinary sends it (one JSON object)",
					content = @Content(mediaType = "application/json")))
	@ApiResponse(responseCode = "200", description = "Accepted for forwarding, or a duplicate dropped",
			content = @Content(mediaType = "application/json",
					examples = @ExampleObject("{\"status\": \"accepted\", \"id\": "
							+ "\"3f0c1e5a9b2d4c6e8f0a1b2c3d4e5f60\"}")))
	@ApiResponse(responseCode = "400",
			description = "Missing or malformed signature headers, a timestamp in milliseconds, or a body that is "
					+ "not one JSON object",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "408", description = "The body did not arrive within the read deadline",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "413", description = "Body too large", content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "401", description = "Bad signature, too old or too far in the future",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "404", description = "Unknown account", content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "501", description = "No forward URL configured",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "503",
			description = "Replay store down, forwarding queue full or too many bodies being read at once; "
					+ "Cloudinary retries",
			content = @Content(mediaType = PROBLEM))
	NotificationReceiver.Receipt receive(@Nullable String signature, @Nullable String timestamp,
			@Nullable String account, HttpServletRequest request);

}
