package dev.signet.uploads;

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
 * The OpenAPI description of upload sessions, kept apart from the controller.
 *
 * @author Signet developers
 */
@Tag(name = "uploads", description = "Upload sessions for big and resumable uploads, signed part by part")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
interface UploadApi {

	/**
	 * The media type of a problem response.
	 */
	String PROBLEM = "application/problem+json";

	@Operation(summary = "Begin an upload session",
			description = "Takes what POST /v1/signatures takes, plus the file's declared bytes, filename and "
					+ "content_type (checked against the profile's max-bytes and formats). Answers what "
					+ "/v1/signatures answers plus upload_id (send it as X-Unique-Upload-Id on every part), "
					+ "chunk_size (bytes per part) and session_expires_at. Template values are resolved once.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json",
							examples = @ExampleObject(name = "video",
									value = "{\"params\": {\"folder\": \"videos\"}, \"resource_type\": \"video\", "
											+ "\"bytes\": 73400320, \"filename\": \"holiday.mp4\", "
											+ "\"content_type\": \"video/mp4\"}"))))
	@ApiResponse(responseCode = "201", description = "Session begun, first part signed",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = UploadSessionResponse.class)))
	@ApiResponse(responseCode = "400",
			description = "Malformed body, refused parameters, or a declared file the profile does not take",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "401", description = "Missing or wrong credentials",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "403", description = "The caller may not use the profile",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "429", description = "The caller's signature limit is reached; see Retry-After",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "503", description = "The session store cannot take the session; see Retry-After",
			content = @Content(mediaType = PROBLEM))
	UploadSessionResponse create(byte[] body, @Parameter(hidden = true) CallerClaim claim,
			@Parameter(hidden = true) HttpServletResponse response);

	@Operation(summary = "Sign the session's next part (or a retry) with a fresh timestamp",
			description = "The same parameters as the session's first signature, a fresh timestamp and signature. "
					+ "Only the caller that began the session; spends from the generous 'resigning' buckets, "
					+ "never from the caller's signature limit.")
	@ApiResponse(responseCode = "200", description = "Signed",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = UploadSessionResponse.class)))
	@ApiResponse(responseCode = "404",
			description = "No such session for this caller (never begun, forgotten, or another caller's)",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "410", description = "The session expired or was finished",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "429", description = "Re-signing far beyond any upload's need; see Retry-After",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "503", description = "The shared session store does not answer; see Retry-After",
			content = @Content(mediaType = PROBLEM))
	UploadSessionResponse resign(String uploadId, byte @Nullable [] body, @Parameter(hidden = true) CallerClaim claim,
			@Parameter(hidden = true) HttpServletResponse response);

	@Operation(summary = "Finish an upload session", description = "No part is signed for it afterwards.")
	@ApiResponse(responseCode = "204", description = "Finished")
	@ApiResponse(responseCode = "404", description = "No such session for this caller",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "410", description = "Already expired or finished",
			content = @Content(mediaType = PROBLEM))
	void finish(String uploadId, @Parameter(hidden = true) CallerClaim claim,
			@Parameter(hidden = true) HttpServletResponse response);

}
