package dev.signet.notification;

import java.io.IOException;
import java.util.Locale;

import dev.signet.access.Access;
import dev.signet.access.CallerClaim;
import dev.signet.access.Endpoint;
import dev.signet.access.Issued;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import dev.signet.web.HttpProperties;
import dev.signet.web.Responses;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/notifications/verify} (for backends that receive notifications
 * themselves) and {@code POST /v1/notifications/cloudinary[/{account}]} (Cloudinary calls
 * Signet). Both read the body as raw bytes, within {@link NotificationBodies}' bounds,
 * and never re-serialise it; the receiver checks the headers before it reads the body.
 *
 * @author Signet developers
 */
@RestController
class NotificationController implements NotificationApi {

	static final String SIGNATURE = "X-Cld-Signature";

	static final String TIMESTAMP = "X-Cld-Timestamp";

	private final NotificationVerifier verifier;

	private final NotificationReceiver receiver;

	private final NotificationBodies bodies;

	private final MeterRegistry meters;

	private final Access access;

	NotificationController(NotificationVerifier verifier, NotificationReceiver receiver,
			NotificationProperties properties, HttpProperties http, MeterRegistry meters, Access access) {
		this.access = access;
		this.verifier = verifier;
		this.receiver = receiver;
		// Bounds of its own: authenticated callers of verify cannot take the receiver's
		// permits from Cloudinary.
		this.bodies = NotificationConfiguration.bodies(properties, http);
		this.meters = meters;
	}

	@Override
	@PostMapping(path = "/v1/notifications/verify", produces = MediaType.APPLICATION_JSON_VALUE)
	public NotificationVerification verify(
			@RequestHeader(name = SIGNATURE, required = false) @Nullable String signature,
			@RequestHeader(name = TIMESTAMP, required = false) @Nullable String timestamp,
			@RequestParam(name = "account", defaultValue = CloudinaryAccounts.DEFAULT) String account,
			CallerClaim claim, HttpServletRequest request, HttpServletResponse response) {
		Issued<NotificationVerification> issued = this.access.serve(Endpoint.VERIFICATION, claim,
				(caller) -> verify(signature, timestamp, account, request));
		return Responses.ok(response, issued.response(), issued.limit());
	}

	private NotificationVerification verify(@Nullable String signature, @Nullable String timestamp, String account,
			HttpServletRequest request) {
		refuseForms(request);
		NotificationVerifier.Verdict verdict;
		try {
			verdict = this.verifier.verify(account, read(this.bodies, request), signature, timestamp);
		}
		catch (CloudinaryAccounts.UnknownAccountException ex) {
			throw new Refusal(Reason.UNKNOWN_ACCOUNT,
					"No Cloudinary account is configured under this name; omit account for the default one.");
		}
		this.meters.counter("signet.notifications.verified", "result", verdict.reason().code()).increment();
		return new NotificationVerification(verdict.valid(), verdict.reason().code(), verdict.detail(), account,
				verdict.apiKey(), verdict.timestamp());
	}

	@Override
	@PostMapping(path = { "/v1/notifications/cloudinary", "/v1/notifications/cloudinary/{account}" },
			produces = MediaType.APPLICATION_JSON_VALUE)
	public NotificationReceiver.Receipt receive(
			@RequestHeader(name = SIGNATURE, required = false) @Nullable String signature,
			@RequestHeader(name = TIMESTAMP, required = false) @Nullable String timestamp,
			@PathVariable(name = "account", required = false) @Nullable String account, HttpServletRequest request) {
		refuseForms(request);
		String name = (account != null) ? account : CloudinaryAccounts.DEFAULT;
		try {
			return this.receiver.receive(name, (bodies) -> read(bodies, request), request.getContentType(), signature,
					timestamp);
		}
		catch (CloudinaryAccounts.UnknownAccountException ex) {
			throw new Refusal(Reason.NOT_FOUND,
					"No Cloudinary account is configured under this name: check the notification URL.");
		}
	}

	private static byte[] read(NotificationBodies bodies, HttpServletRequest request) {
		try {
			return bodies.read(request.getInputStream(), request.getContentLengthLong(), request.getRemoteAddr());
		}
		catch (IOException ex) {
			throw new Refusal(Reason.BAD_REQUEST, "The notification body could not be read; send it again.");
		}
	}

	/**
	 * Form bodies would be parsed into parameters by the servlet container instead of
	 * being kept byte for byte; Cloudinary sends JSON.
	 * @param request the request to refuse if it has a form body
	 */
	private static void refuseForms(HttpServletRequest request) {
		String type = request.getContentType();
		if (type != null) {
			String lower = type.toLowerCase(Locale.ROOT);
			if (lower.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE) || lower.startsWith("multipart/")) {
				throw new Refusal(Reason.UNSUPPORTED_MEDIA_TYPE,
						"Send the notification body exactly as Cloudinary sent it (JSON), not as a form.");
			}
		}
	}

}
