package dev.signet.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.signet.assets.Arrival;
import dev.signet.assets.Arrivals;
import dev.signet.codec.Sha256;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Receives notifications from Cloudinary: checks the headers before anything else, reads
 * the body within bounds, verifies it on the raw bytes, drops replays seen inside the
 * window, hands the others to {@link Arrivals} (which completes the record of an upload
 * Signet signed) and queues them for forwarding. A notification is only acknowledged once
 * it is queued; when it cannot be (store down, queue full), Cloudinary gets 503 and
 * retries later.
 *
 * @author Signet developers
 */
class NotificationReceiver {

	private static final Log log = LogFactory.getLog(NotificationReceiver.class);

	private final NotificationVerifier verifier;

	private final ReplayStore replays;

	private final @Nullable NotificationForwarder forwarder;

	private final @Nullable Arrivals arrivals;

	private final boolean active;

	private final NotificationBodies bodies;

	private final MeterRegistry meters;

	NotificationReceiver(NotificationVerifier verifier, ReplayStore replays, @Nullable NotificationForwarder forwarder,
			NotificationBodies bodies, MeterRegistry meters) {
		this(verifier, replays, forwarder, null, forwarder != null, bodies, meters);
	}

	/**
	 * A receiver.
	 * @param verifier checks Cloudinary's signature
	 * @param replays remembers what was accepted
	 * @param forwarder forwards to the internal URL, or {@code null} when none is set
	 * @param arrivals completes the records of uploads Signet signed, or {@code null}
	 * @param active whether the receiver accepts notifications at all (a forward URL or
	 * {@code signet.public-url} is set)
	 * @param bodies bounds the reading of bodies
	 * @param meters counts outcomes
	 */
	NotificationReceiver(NotificationVerifier verifier, ReplayStore replays, @Nullable NotificationForwarder forwarder,
			@Nullable Arrivals arrivals, boolean active, NotificationBodies bodies, MeterRegistry meters) {
		this.verifier = verifier;
		this.replays = replays;
		this.forwarder = forwarder;
		this.arrivals = arrivals;
		this.active = active;
		this.bodies = bodies;
		this.meters = meters;
	}

	/**
	 * Receives one notification.
	 * @param account the account it is for
	 * @param body reads the raw body through the bounds it is given, only once the
	 * headers passed
	 * @param contentType the content type as sent
	 * @param signature the {@code X-Cld-Signature} header
	 * @param timestamp the {@code X-Cld-Timestamp} header
	 * @return what happened
	 * @throws Refusal when it is refused or cannot be accepted now
	 */
	Receipt receive(String account, Function<NotificationBodies, byte[]> body, @Nullable String contentType,
			@Nullable String signature, @Nullable String timestamp) {
		if (!this.active) {
			throw new Refusal(Reason.NOT_CONFIGURED,
					"Signet does not receive Cloudinary notifications: set signet.notifications.forward.url "
							+ "to the internal URL that should get them, or signet.public-url to have them "
							+ "complete upload records.");
		}
		NotificationVerifier.Verdict early = this.verifier.refuseBeforeBody(account, signature, timestamp);
		if (early != null) {
			throw refused(account, early);
		}
		byte[] raw = body.apply(this.bodies);
		NotificationVerifier.Verdict verdict = this.verifier.verify(account, raw, signature, timestamp);
		if (!verdict.valid()) {
			throw refused(account, verdict);
		}
		String id = id(account, timestamp, raw);
		boolean first;
		try {
			first = this.replays.markFirstSeen(id, this.verifier.window());
		}
		catch (ReplayStore.UnavailableException ex) {
			count("unavailable");
			log.warn("Could not check notification " + id + " for replays: " + ex.getMessage());
			throw unavailable("the replay store is unreachable");
		}
		if (!first) {
			count("duplicate");
			log.info("Dropped notification " + id + " for account '" + account + "': already accepted");
			return new Receipt("duplicate", id);
		}
		Arrival arrival = null;
		if (this.arrivals != null) {
			try {
				arrival = this.arrivals.arrived(account, raw, contentType);
			}
			catch (Arrivals.Unavailable ex) {
				forget(id);
				count("unavailable");
				log.warn("Could not record the arrival of notification " + id + ": " + ex.getMessage());
				throw unavailable("the upload records are unreachable");
			}
		}
		if (arrival == null) {
			Counter.builder("signet.notifications.untracked")
				.description("Accepted notifications not about an upload Signet signed (forwarded without a verdict)")
				.register(this.meters)
				.increment();
		}
		AcceptedNotification notification = new AcceptedNotification(id, account, verdict.apiKey(), raw, contentType,
				signature, timestamp, arrival);
		if (this.forwarder != null && !this.forwarder.submit(notification)) {
			forget(id);
			count("unavailable");
			throw unavailable("the forwarding queue is full");
		}
		count("accepted");
		log.info("Accepted notification " + id + " for account '" + account + "' (signed with API key "
				+ verdict.apiKey() + ")");
		return new Receipt("accepted", id);
	}

	private void forget(String id) {
		try {
			this.replays.forget(id);
		}
		catch (ReplayStore.UnavailableException ex) {
			log.warn("Could not forget notification " + id + "; Cloudinary's retry may be taken for a replay");
		}
	}

	private Refusal refused(String account, NotificationVerifier.Verdict verdict) {
		count(verdict.reason().code());
		log.info("Refused a notification for account '" + account + "': " + verdict.reason().code());
		boolean malformed = verdict.reason() == NotificationVerifier.Reason.MALFORMED
				|| verdict.reason() == NotificationVerifier.Reason.TIMESTAMP_IN_MILLISECONDS;
		return new Refusal(malformed ? Reason.MALFORMED_NOTIFICATION : Reason.INVALID_NOTIFICATION, verdict.detail(),
				List.of(), Map.of("reason", verdict.reason().code()));
	}

	private void count(String outcome) {
		Counter.builder("signet.notifications.received")
			.description("Notifications sent to the receiver, by outcome")
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

	private static Refusal unavailable(String why) {
		return new Refusal(Reason.SERVICE_UNAVAILABLE,
				"Signet cannot accept the notification now (" + why + "); Cloudinary will retry.");
	}

	/**
	 * The receiver's id of a notification: a digest of account, timestamp and body, so
	 * that a replay is recognised whatever the case of its hex signature.
	 * @param account the account name
	 * @param timestamp the notification's timestamp
	 * @param body the notification's body
	 * @return the id
	 */
	static String id(String account, String timestamp, byte[] body) {
		MessageDigest digest = Sha256.newDigest();
		digest.update(account.getBytes(StandardCharsets.UTF_8));
		digest.update((byte) 0);
		digest.update(timestamp.getBytes(StandardCharsets.UTF_8));
		digest.update((byte) 0);
		digest.update(body);
		return HexFormat.of().formatHex(digest.digest(), 0, 16);
	}

	/**
	 * The receiver's answer to Cloudinary.
	 *
	 * @param status {@code accepted} or {@code duplicate}
	 * @param id the notification's id
	 */
	record Receipt(String status, String id) {

	}

}
