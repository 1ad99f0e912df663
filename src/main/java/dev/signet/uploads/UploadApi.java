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

import org.springframework.web.context.request.async.DeferredResult;

/**
 * The OpenAPI description of upload sessions, kept apart from the controller.
 *
 * @author Signet developers
 */
@Tag(name = "uploads",
		description = "Upload sessions for big and resumable uploads, signed part by part; "
				+ "what arrived of every upload Signet signed")
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

	@Operation(summary = "What arrived of an upload Signet signed",
			description = "The upload's record: status issued (nothing arrived yet), complete (arrived and kept the "
					+ "profile's rules), rejected (broke a rule: reason, and removed once destroyed at Cloudinary) "
					+ "or expired (nothing arrived before its signature expired); once arrived, what Cloudinary says "
					+ "of the asset. With wait (20s, 1500ms or 20 seconds; capped at signet.assets.max-wait) an "
					+ "issued upload is answered as soon as its status changes, or as it is when the wait ends. "
					+ "An unknown id, another caller's and a malformed one get the same 404. Spends from the "
					+ "'resigning' buckets.")
	@ApiResponse(responseCode = "200", description = "The upload's record",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = UploadStatusResponse.class)))
	@ApiResponse(responseCode = "400", description = "wait is not a duration", content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "401", description = "Missing or wrong credentials",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "404",
			description = "No such upload for this caller (unknown, another caller's "
					+ "or a malformed id: never told apart)",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "429", description = "Polling far beyond any upload's need; see Retry-After",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "503", description = "The upload record store does not answer; see Retry-After",
			content = @Content(mediaType = PROBLEM))
	DeferredResult<UploadStatusResponse> status(String uploadId,
			@Parameter(description = "How long to wait for an issued upload to change: 20s, 1500ms or 20 (seconds)",
					example = "20s") @Nullable String wait,
			@Parameter(hidden = true) CallerClaim claim, @Parameter(hidden = true) HttpServletResponse response);

	@Operation(summary = "Complete an upload from the upload response the client got",
			description = "Send the JSON body Cloudinary answered the upload with, unchanged. Signet checks its "
					+ "signature and that it is this upload's, asks Cloudinary's Admin API what arrived, judges it "
					+ "against the profile's rules and answers the record as GET /v1/uploads/{upload_id} does. "
					+ "An upload already judged (by a notification or an earlier call) is answered as it is.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json",
							examples = @ExampleObject(name = "upload response",
									value = "{\"asset_id\": \"3515c6000a548515f1134043f9785c2f\", "
											+ "\"public_id\": \"avatars/4f1c\", \"version\": 1719304891, "
											+ "\"signature\": \"63b3b6e3f7e4fa2bbd3e2a5d8ae36ef8c0df2a1b\", "
											+ "\"resource_type\": \"image\", \"bytes\": 120253, "
											+ "\"context\": {\"custom\": {\"signet_upload_id\": "
											+ "\"0f6c2d9e8b7a41c3a5d4e3f2b1c0d9e8\"}}}"))))
	@ApiResponse(responseCode = "200", description = "The upload's record after the judgement",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = UploadStatusResponse.class)))
	@ApiResponse(responseCode = "400",
			description = "The body is not an upload response signed by Cloudinary for this account",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "404", description = "No such upload for this caller",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "422",
			description = "The response is another upload's, or Cloudinary has no such asset",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "503",
			description = "Cloudinary's Admin API or the record store does not answer; see Retry-After",
			content = @Content(mediaType = PROBLEM))
	UploadStatusResponse complete(String uploadId, byte[] body, @Parameter(hidden = true) CallerClaim claim,
			@Parameter(hidden = true) HttpServletResponse response);

}
