package dev.signet.uploads;

import java.util.Set;

import dev.signet.access.Access;
import dev.signet.access.CallerClaim;
import dev.signet.access.Endpoint;
import dev.signet.access.Issued;
import dev.signet.codec.StrictJson;
import dev.signet.signing.SignatureRequestReader;
import dev.signet.signing.SigningProfiles;
import dev.signet.web.Responses;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/uploads} (begin a session), {@code POST /v1/uploads/{id}/signature}
 * (sign the next part) and {@code DELETE /v1/uploads/{id}} (finish): a typed request, one
 * call of the access pipeline, a typed response.
 *
 * @author Signet developers
 */
@RestController
@RequestMapping(path = "/v1/uploads", produces = MediaType.APPLICATION_JSON_VALUE)
class UploadController implements UploadApi {

	private final Access access;

	private final SigningProfiles profiles;

	private final UploadSessions sessions;

	UploadController(Access access, SigningProfiles profiles, UploadSessions sessions) {
		this.access = access;
		this.profiles = profiles;
		this.sessions = sessions;
	}

	@Override
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	public UploadSessionResponse create(@RequestBody byte[] body, CallerClaim claim, HttpServletResponse response) {
		Issued<UploadSessionResponse> issued = this.access.issue(Endpoint.UPLOAD_SESSION, claim,
				() -> SignatureRequestReader.readSessionRequest(body), this.profiles, this.sessions::create);
		return Responses.created(response, "/v1/uploads/" + issued.response().uploadId(), issued.response(),
				issued.limit());
	}

	@Override
	@PostMapping("/{uploadId}/signature")
	public UploadSessionResponse resign(@PathVariable String uploadId,
			@RequestBody(required = false) byte @Nullable [] body, CallerClaim claim, HttpServletResponse response) {
		Issued<UploadSessionResponse> issued = this.access.issue(Endpoint.UPLOAD_RESIGN, claim, () -> {
			if (body != null && body.length > 0) {
				StrictJson.readObject(body, Set.of());
			}
			return this.sessions.lookup(uploadId);
		}, this.profiles, this.sessions::resign);
		return Responses.ok(response, issued.response(), issued.limit());
	}

	@Override
	@DeleteMapping("/{uploadId}")
	public void finish(@PathVariable String uploadId, CallerClaim claim, HttpServletResponse response) {
		Issued<Boolean> finished = this.access.serve(Endpoint.UPLOAD_RESIGN, claim, (caller) -> {
			this.sessions.finish(uploadId, caller);
			return true;
		});
		Responses.noContent(response, finished.limit());
	}

}
