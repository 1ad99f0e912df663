package dev.signet.notification;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;

import dev.signet.assets.Arrivals;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.codec.Sha256;
import dev.signet.redis.SharedRedisProperties;
import dev.signet.web.HttpProperties;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Wires notification verification, the replay store (Redis when {@code signet.redis.url}
 * or its old name {@code signet.notifications.replay.redis-url} is set, memory otherwise)
 * and the forwarder (when {@code signet.notifications.forward.url} is set), whose outbox
 * is the Redis stream shared by replicas when {@code signet.redis.url} is set (with the
 * local journal as fallback while Redis is unreachable), the local journal otherwise.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

	private static final Log log = LogFactory.getLog(NotificationConfiguration.class);

	/** The old name of {@code signet.redis.url} for the replay store alone. */
	static final String REPLAY_REDIS_URL = "signet.notifications.replay.redis-url";

	@Bean
	NotificationVerifier notificationVerifier(CloudinaryAccounts accounts, NotificationProperties properties,
			ObjectProvider<Clock> clock) {
		return new NotificationVerifier(accounts, clock.getIfAvailable(Clock::systemUTC), properties.maxAge(),
				properties.maxFutureSkew());
	}

	@Bean
	ReplayStore notificationReplayStore(NotificationProperties properties, SharedRedisProperties redis,
			MeterRegistry meters, ObjectProvider<Clock> clock) {
		NotificationProperties.Replay replay = properties.replay();
		RedisURI uri = redis.uriFor(REPLAY_REDIS_URL,
				(replay.redisUrl() != null) ? replay.redisUrl().toString() : null);
		if (uri != null) {
			log.info("Notification replays are remembered in Redis (shared by every replica)");
			return new RedisReplayStore(uri, replay.keyPrefix());
		}
		return new InMemoryReplayStore(replay.maxEntries(), clock.getIfAvailable(Clock::systemUTC), meters);
	}

	@Bean
	@Nullable NotificationForwarder notificationForwarder(NotificationProperties properties, SharedRedisProperties redis,
			MeterRegistry meters) {
		NotificationProperties.Forward forward = properties.forward();
		if (forward.url() == null) {
			return null;
		}
		log.info("Receiving Cloudinary notifications on /v1/notifications/cloudinary and forwarding them to "
				+ forward.url().getScheme() + "://" + forward.url().getHost()
				+ ((forward.url().getPort() != -1) ? ":" + forward.url().getPort() : "") + " (up to "
				+ forward.maxAttempts() + " attempts each)");
		Path journal = journalDir(properties);
		RedisURI uri = redis.uriFor(SharedRedisProperties.URL, null);
		if (uri != null) {
			NotificationProperties.Outbox outbox = properties.outbox();
			RedisNotificationOutbox shared = new RedisNotificationOutbox(uri, outbox.keyPrefix(), outbox.claimIdle(),
					outbox.redisTimeout());
			log.info("Accepted notifications are written to " + shared.where() + ", shared by every replica, before "
					+ "Cloudinary gets its 200 (to the journal " + journal + " while Redis is unreachable)");
			return new NotificationForwarder(forward.url(), forward, shared, new NotificationJournal(journal), meters);
		}
		log.info("Accepted notifications are written to the journal " + journal + " before Cloudinary gets its 200");
		return new NotificationForwarder(forward.url(), forward, new NotificationJournal(journal), meters);
	}

	@Bean
	NotificationReceiver notificationReceiver(NotificationVerifier verifier, ReplayStore replays,
			ObjectProvider<NotificationForwarder> forwarder, ObjectProvider<Arrivals> arrivals,
			NotificationProperties properties, HttpProperties http, Environment environment, MeterRegistry meters) {
		NotificationBodies bodies = bodies(properties, http);
		Gauge.builder("signet.notifications.bodies.reading", bodies, NotificationBodies::reading)
			.description("Notification bodies the receiver is reading now (at most "
					+ "signet.notifications.max-concurrent-bodies)")
			.register(meters);
		NotificationForwarder forwarding = forwarder.getIfAvailable();
		boolean publicUrl = StringUtils.hasText(environment.getProperty("signet.public-url"));
		if (forwarding == null && publicUrl) {
			log.info("Receiving Cloudinary notifications on /v1/notifications/cloudinary to complete upload records "
					+ "(not forwarded: signet.notifications.forward.url is not set)");
		}
		return new NotificationReceiver(verifier, replays, forwarding, arrivals.getIfAvailable(),
				forwarding != null || publicUrl, bodies, meters);
	}

	static Path journalDir(NotificationProperties properties) {
		if (properties.journal().dir() != null) {
			return properties.journal().dir();
		}
		String target = String.valueOf(properties.forward().url());
		String digest = HexFormat.of()
			.formatHex(Sha256.newDigest().digest(target.getBytes(StandardCharsets.UTF_8)), 0, 6);
		return Path.of(System.getProperty("java.io.tmpdir"), "signet-notifications", digest);
	}

	static NotificationBodies bodies(NotificationProperties properties, HttpProperties http) {
		return new NotificationBodies((int) Math.min(http.maxNotificationBodySize().toBytes(), Integer.MAX_VALUE),
				properties.maxConcurrentBodies(), properties.maxBodiesPerAddress(), properties.bodyReadTimeout());
	}

}
