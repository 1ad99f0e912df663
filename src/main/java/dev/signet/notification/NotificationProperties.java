package dev.signet.notification;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import dev.signet.settings.InvalidSettingException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of notification verification and of the receiver.
 *
 * @param maxAge how old a notification's {@code X-Cld-Timestamp} may be (the SDKs' 2
 * hours)
 * @param maxFutureSkew how far ahead of Signet's clock a timestamp may be
 * @param maxConcurrentBodies how many notification bodies the receiver (and, apart, the
 * verify endpoint) reads at once; beyond, 503 with {@code Retry-After}
 * @param maxBodiesPerAddress of those bodies, how many may come from one address at once
 * @param bodyReadTimeout how long a notification body may take to arrive, from its first
 * read
 * @param replay where the receiver remembers notifications it has accepted
 * @param forward where and how the receiver forwards accepted notifications
 * @param journal where accepted notifications wait for delivery, durably
 * @param outbox the outbox shared by replicas through {@code signet.redis.url}
 * @author Signet developers
 */
@ConfigurationProperties("signet.notifications")
public record NotificationProperties(@DefaultValue("2h") Duration maxAge, @DefaultValue("5m") Duration maxFutureSkew,
		@DefaultValue("16") int maxConcurrentBodies, @DefaultValue("4") int maxBodiesPerAddress,
		@DefaultValue("10s") Duration bodyReadTimeout, @DefaultValue Replay replay, @DefaultValue Forward forward,
		@DefaultValue Journal journal, @DefaultValue Outbox outbox) {

	public NotificationProperties {
		if (maxAge.isNegative() || maxAge.isZero() || maxFutureSkew.isNegative()) {
			throw new IllegalArgumentException(
					"signet.notifications.max-age must be positive and max-future-skew not negative");
		}
		if (maxConcurrentBodies < 1 || maxConcurrentBodies > 1024) {
			throw new IllegalArgumentException("signet.notifications.max-concurrent-bodies must be 1 to 1024");
		}
		if (maxBodiesPerAddress < 1 || maxBodiesPerAddress > maxConcurrentBodies) {
			throw new IllegalArgumentException(
					"signet.notifications.max-bodies-per-address must be 1 to max-concurrent-bodies");
		}
		if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero() || bodyReadTimeout.toSeconds() > 60) {
			throw new IllegalArgumentException(
					"signet.notifications.body-read-timeout must be positive and at most 60 s");
		}
		if (outbox.claimIdle().compareTo(forward.timeout()) <= 0) {
			throw new InvalidSettingException(Outbox.CLAIM_IDLE,
					"must be longer than signet.notifications.forward.timeout, or a replica would take over a "
							+ "notification another is still sending");
		}
	}

	/**
	 * The outbox that replicas share when {@code signet.redis.url} is set: a Redis stream
	 * read by one consumer group.
	 *
	 * @param keyPrefix the prefix of the stream's key ({@code <prefix>stream})
	 * @param claimIdle how long a notification a replica read and did not deliver may
	 * stay untouched before another replica takes it over (a live replica keeps touching
	 * what it retries); longer than {@code signet.notifications.forward.timeout}
	 * @param redisTimeout how long one Redis command may take
	 */
	public record Outbox(@DefaultValue("signet:notifications:outbox:") String keyPrefix,
			@DefaultValue("1m") Duration claimIdle, @DefaultValue("2s") Duration redisTimeout) {

		/** The setting of the claim idle time. */
		static final String CLAIM_IDLE = "signet.notifications.outbox.claim-idle";

		public Outbox {
			if (keyPrefix.isBlank() || keyPrefix.chars().anyMatch(Character::isWhitespace)) {
				throw new InvalidSettingException("signet.notifications.outbox.key-prefix",
						"must not be blank nor hold spaces, e.g. signet:notifications:outbox:");
			}
			if (claimIdle.compareTo(Duration.ofSeconds(1)) < 0 || claimIdle.compareTo(Duration.ofHours(1)) > 0) {
				throw new InvalidSettingException(CLAIM_IDLE, "must be 1s to 1h, e.g. 1m");
			}
			if (redisTimeout.compareTo(Duration.ofMillis(100)) < 0
					|| redisTimeout.compareTo(Duration.ofSeconds(30)) > 0) {
				throw new InvalidSettingException("signet.notifications.outbox.redis-timeout",
						"must be 100ms to 30s, e.g. 2s");
			}
		}

	}

	/**
	 * The local journal of accepted notifications not yet delivered.
	 *
	 * @param dir its directory; by default
	 * {@code <java.io.tmpdir>/signet-notifications/<digest of the forward URL>} (set it
	 * to a volume that outlives the pod, as the Helm chart does)
	 */
	public record Journal(@Nullable Path dir) {

	}

	/**
	 * Replay protection of the receiver.
	 *
	 * @param redisUrl a {@code redis://} URL to share seen notifications between
	 * replicas: the old name of {@code signet.redis.url}, which it must equal when both
	 * are set; in memory when neither is set
	 * @param maxEntries the most notifications remembered in memory
	 * @param keyPrefix the prefix of Redis keys
	 */
	public record Replay(@Nullable URI redisUrl, @DefaultValue("100000") int maxEntries,
			@DefaultValue("signet:notification:") String keyPrefix) {

		@Override
		public String toString() {
			return "Replay[redisUrl=" + ((this.redisUrl != null) ? "******" : "null") + ", maxEntries="
					+ this.maxEntries + ", keyPrefix=" + this.keyPrefix + "]";
		}

	}

	/**
	 * Forwarding of accepted notifications.
	 *
	 * @param url the internal URL that receives verified notifications; the receiver is
	 * off when not set
	 * @param maxAttempts how many times a notification is sent before it is given up
	 * @param initialBackoff the wait before the first retry, doubled at each retry
	 * @param maxBackoff the longest wait between retries
	 * @param timeout how long one attempt may take
	 * @param queueCapacity the most notifications waiting to be forwarded; beyond,
	 * Cloudinary gets 503 and retries later
	 * @param threads how many notifications are sent at once
	 * @param shutdownGrace how long shutdown waits for pending notifications
	 * @param deadLetterDir where notifications given up are written, for a manual replay
	 * @param signingKey Signet's own key that signs what it forwards
	 * ({@code X-Signet-Signature}), at least 32 bytes; required when {@code url} is set
	 */
	public record Forward(@Nullable URI url, @DefaultValue("8") int maxAttempts,
			@DefaultValue("1s") Duration initialBackoff, @DefaultValue("5m") Duration maxBackoff,
			@DefaultValue("10s") Duration timeout, @DefaultValue("10000") int queueCapacity,
			@DefaultValue("2") int threads, @DefaultValue("10s") Duration shutdownGrace, @Nullable Path deadLetterDir,
			@Nullable String signingKey) {

		/** The setting of the forwarding key. */
		static final String SIGNING_KEY = "signet.notifications.forward.signing-key";

		/** The shortest forwarding key, in bytes. */
		static final int MIN_KEY_BYTES = 32;

		public Forward {
			if (url != null
					&& (signingKey == null || signingKey.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES)) {
				throw new InvalidSettingException(SIGNING_KEY,
						"must be set, at least " + MIN_KEY_BYTES + " bytes, when signet.notifications.forward.url is "
								+ "set: Signet signs what it forwards with it (X-Signet-Signature)");
			}
			if (maxAttempts < 1 || queueCapacity < 1 || threads < 1) {
				throw new IllegalArgumentException("signet.notifications.forward.max-attempts, queue-capacity and "
						+ "threads must be at least 1");
			}
			if (url != null && !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
				throw new IllegalArgumentException("signet.notifications.forward.url must be an http(s) URL");
			}
		}

		@Override
		public String toString() {
			return "Forward[url=" + this.url + ", maxAttempts=" + this.maxAttempts + ", signingKey="
					+ ((this.signingKey != null) ? "******" : "null") + "]";
		}

	}

}
