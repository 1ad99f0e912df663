package dev.signet.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import dev.signet.assets.Arrival;
import dev.signet.settings.InvalidSettingException;
import dev.signet.support.Eventually;
import dev.signet.support.Needs;
import dev.signet.support.RedisServers;
import dev.signet.support.Tool;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RedisNotificationOutbox} against a real Redis, alone and under the
 * forwarder: what is appended is delivered once and removed, what a dead replica held is
 * taken over by another after the claim idle time, what a live one retries is not, and a
 * Redis that is down leaves the notification to the local journal.
 *
 * @author Signet developers
 */
@Needs(Tool.REDIS)
class RedisNotificationOutboxTests {

	private static final Duration CLAIM_IDLE = Duration.ofSeconds(1);

	private final String prefix = "test:outbox:" + UUID.randomUUID() + ":";

	private RedisClient client;

	private StatefulRedisConnection<String, String> redis;

	@BeforeEach
	void connect() {
		this.client = RedisClient.create(RedisServers.sharedUrl());
		this.redis = this.client.connect();
	}

	@AfterEach
	void clean() {
		this.redis.sync().del(this.prefix + "stream");
		this.redis.close();
		this.client.shutdown();
	}

	@Test
	void anAppendedNotificationIsDeliveredOnceWithItsEventIdAndThenRemovedFromTheStream() throws Exception {
		try (FlakyReceiver receiver = new FlakyReceiver(2);
				NotificationForwarder forwarder = new NotificationForwarder(URI.create(receiver.url()), policy(),
						outbox("a"), null, new SimpleMeterRegistry())) {
			AcceptedNotification notification = notification("e1",
					new Arrival("0123456789abcdef0123456789abcdef", "alice", "avatars", "accepted", null));
			assertThat(forwarder.submit(notification)).isTrue();
			assertThat(Eventually.within(Duration.ofSeconds(10), () -> receiver.delivered().size() >= 1)).isTrue();
			assertThat(Eventually.within(Duration.ofMillis(500), () -> receiver.delivered().size() > 1)).isFalse();
			FlakyReceiver.Delivery delivery = receiver.delivered().get(0);
			assertThat(receiver.attempts("e1")).isEqualTo(3);
			assertThat(delivery.signet()).containsEntry("X-Signet-Event-Id", "e1")
				.containsEntry("X-Signet-Upload-Id", "0123456789abcdef0123456789abcdef")
				.containsEntry("X-Signet-Caller", "alice");
			assertThat(new String(delivery.body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":\"e1\"}");
			assertThat(delivery.signature()).isEqualTo("0".repeat(40));
			assertThat(Eventually.within(Duration.ofSeconds(5), () -> streamLength() == 0)).isTrue();
			assertThat(pendingCount()).isZero();
		}
	}

	@Test
	void anEntryAReplicaReadAndNeverDeliveredIsTakenOverByAnotherOnceIdleForTheClaimTime() throws Exception {
		try (RedisNotificationOutbox dead = outbox("dead"); RedisNotificationOutbox other = outbox("other")) {
			dead.append(notification("e2", null));
			assertThat(takeWithin(dead, Duration.ofSeconds(5))).extracting(AcceptedNotification::id)
				.containsExactly("e2");
			assertThat(other.take(10)).isEmpty();
			List<AcceptedNotification> taken = takeWithin(other, Duration.ofSeconds(10));
			assertThat(taken).extracting(AcceptedNotification::id).containsExactly("e2");
			assertThat(taken.get(0).body()).isEqualTo("{\"n\":\"e2\"}".getBytes(StandardCharsets.UTF_8));
			other.ack("e2");
			assertThat(streamLength()).isZero();
			assertThat(pendingCount()).isZero();
		}
	}

	@Test
	void aLiveReplicaThatKeepsWhatItRetriesIsNotOvertakenAndLearnsWhenItWas() throws Exception {
		try (RedisNotificationOutbox live = outbox("live"); RedisNotificationOutbox other = outbox("other")) {
			live.append(notification("e3", null));
			assertThat(takeWithin(live, Duration.ofSeconds(5))).hasSize(1);
			long until = System.nanoTime() + CLAIM_IDLE.multipliedBy(3).toNanos();
			while (System.nanoTime() < until) {
				assertThat(live.keep(Set.of("e3"))).containsExactly("e3");
				assertThat(other.take(10)).isEmpty();
				Thread.sleep(100);
			}
			live.ack("e3");
			assertThat(streamLength()).isZero();
		}
	}

	@Test
	void aNotificationTakenOverByAnotherReplicaIsDroppedByTheOneThatLostIt() throws Exception {
		try (RedisNotificationOutbox slow = outbox("slow"); RedisNotificationOutbox other = outbox("other")) {
			slow.append(notification("e4", null));
			assertThat(takeWithin(slow, Duration.ofSeconds(5))).hasSize(1);
			assertThat(takeWithin(other, Duration.ofSeconds(10))).extracting(AcceptedNotification::id)
				.containsExactly("e4");
			assertThat(Eventually.within(Duration.ofSeconds(5), () -> slow.keep(Set.of("e4")).isEmpty())).isTrue();
		}
	}

	@Test
	void whileRedisIsDownTheNotificationGoesToTheJournalAndThisReplicaDeliversIt(@TempDir Path dir) throws Exception {
		RedisNotificationOutbox unreachable = new RedisNotificationOutbox(
				RedisURI.create("redis://127.0.0.1:" + RedisServers.freePort()), this.prefix, CLAIM_IDLE,
				Duration.ofMillis(300), "down");
		try (FlakyReceiver receiver = new FlakyReceiver(0)) {
			receiver.failures(Integer.MAX_VALUE);
			try (NotificationForwarder forwarder = new NotificationForwarder(URI.create(receiver.url()), policy(),
					unreachable, new NotificationJournal(dir), new SimpleMeterRegistry())) {
				assertThat(forwarder.submit(notification("e5", null))).isTrue();
				assertThat(entries(dir)).containsExactly("e5.entry");
				receiver.failures(0);
				assertThat(Eventually.within(Duration.ofSeconds(10), () -> receiver.delivered().size() >= 1)).isTrue();
				assertThat(receiver.delivered()).extracting(FlakyReceiver.Delivery::id).containsExactly("e5");
				assertThat(Eventually.within(Duration.ofSeconds(5), () -> entries(dir).isEmpty())).isTrue();
			}
		}
	}

	@Test
	void withoutAFallbackARedisThatIsDownRefusesTheNotification() throws IOException {
		try (RedisNotificationOutbox unreachable = new RedisNotificationOutbox(
				RedisURI.create("redis://127.0.0.1:" + RedisServers.freePort()), this.prefix, CLAIM_IDLE,
				Duration.ofMillis(300), "down");
				NotificationForwarder forwarder = new NotificationForwarder(URI.create(closedUrl()), policy(),
						unreachable, null, new SimpleMeterRegistry())) {
			assertThat(forwarder.submit(notification("e6", null))).isFalse();
		}
	}

	@Test
	void aClaimIdleTimeNoLongerThanTheForwardTimeoutIsRefusedNamingTheSetting() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new NotificationProperties(Duration.ofHours(2), Duration.ofMinutes(5), 16, 4,
					Duration.ofSeconds(10), new NotificationProperties.Replay(null, 10, "p:"),
					new NotificationProperties.Forward(null, 8, Duration.ofSeconds(1), Duration.ofMinutes(5),
							Duration.ofSeconds(5), 100, 2, Duration.ofSeconds(10), null, null),
					new NotificationProperties.Journal(null),
					new NotificationProperties.Outbox("p:", Duration.ofSeconds(2), Duration.ofSeconds(2))))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("signet.notifications.outbox.claim-idle"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new NotificationProperties.Outbox("p:", Duration.ofMillis(10), Duration.ofSeconds(2)))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("signet.notifications.outbox.claim-idle"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new NotificationProperties.Outbox(" ", Duration.ofMinutes(1), Duration.ofSeconds(2)))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("signet.notifications.outbox.key-prefix"));
	}

	private static List<AcceptedNotification> takeWithin(RedisNotificationOutbox outbox, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			List<AcceptedNotification> taken = outbox.take(10);
			if (!taken.isEmpty()) {
				return taken;
			}
			Thread.sleep(50);
		}
		return List.of();
	}

	private RedisNotificationOutbox outbox(String consumer) {
		return new RedisNotificationOutbox(RedisURI.create(RedisServers.sharedUrl()), this.prefix, CLAIM_IDLE,
				Duration.ofSeconds(2), consumer + "-" + UUID.randomUUID());
	}

	private long streamLength() {
		return this.redis.sync().xlen(this.prefix + "stream");
	}

	private long pendingCount() {
		return this.redis.sync().xpending(this.prefix + "stream", RedisNotificationOutbox.GROUP).getCount();
	}

	private static List<String> entries(Path dir) {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".entry"))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static NotificationProperties.Forward policy() {
		return new NotificationProperties.Forward(null, 1000, Duration.ofMillis(10), Duration.ofMillis(50),
				Duration.ofMillis(500), 100, 2, Duration.ofMillis(100), null, null);
	}

	private static AcceptedNotification notification(String id, Arrival arrival) {
		return new AcceptedNotification(id, "default", "123",
				("{\"n\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), "application/json", "0".repeat(40),
				"1715000000", arrival);
	}

	private static String closedUrl() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
		}
	}

}
