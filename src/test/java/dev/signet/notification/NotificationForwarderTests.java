package dev.signet.notification;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.signet.support.Eventually;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NotificationForwarder}: a notification is delivered once, or given up
 * loudly (logged, counted, dead-lettered), never dropped silently.
 *
 * @author Signet developers
 */
class NotificationForwarderTests {

	@Test
	void forwardWhenTargetKeepsFailingGivesUpAfterMaxAttemptsAndDeadLettersIt(@TempDir Path dir) throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		try (FlakyReceiver receiver = new FlakyReceiver(Integer.MAX_VALUE);
				NotificationForwarder forwarder = new NotificationForwarder(URI.create(receiver.url()),
						policy(3, 100, dir), meters)) {
			assertThat(forwarder.submit(notification("n1"))).isTrue();
			assertThat(Eventually.within(Duration.ofSeconds(10),
					() -> meters.counter("signet.notifications.forward.failed", "reason", "exhausted").count() == 1))
				.isTrue();
			assertThat(forwarder.pending()).isZero();
			assertThat(receiver.attempts("n1")).isEqualTo(3);
			assertThat(receiver.delivered()).isEmpty();
			assertThat(meters.counter("signet.notifications.forward.failed", "reason", "exhausted").count())
				.isEqualTo(1);
			assertThat(Files.readAllBytes(dir.resolve("n1.body"))).isEqualTo("{\"n\":\"n1\"}".getBytes());
			assertThat(Files.readString(dir.resolve("n1.properties"))).contains("attempts=3").contains("HTTP 500");
		}
	}

	@Test
	void forwardWhenQueueIsFullRefusesSoThatCloudinaryRetries() throws Exception {
		try (FlakyReceiver receiver = new FlakyReceiver(Integer.MAX_VALUE);
				NotificationForwarder forwarder = new NotificationForwarder(URI.create(receiver.url()),
						policy(100, 1, null), new SimpleMeterRegistry())) {
			assertThat(forwarder.submit(notification("n1"))).isTrue();
			assertThat(forwarder.submit(notification("n2"))).isFalse();
		}
	}

	@Test
	void closeWhenNotificationsArePendingGivesThemUpLoudly(@TempDir Path dir) throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		FlakyReceiver receiver = new FlakyReceiver(Integer.MAX_VALUE);
		NotificationForwarder forwarder = new NotificationForwarder(URI.create(receiver.url()), policy(100, 100, dir),
				meters);
		try {
			assertThat(forwarder.submit(notification("n1"))).isTrue();
			assertThat(forwarder.submit(notification("n2"))).isTrue();
			assertThat(Eventually.within(Duration.ofSeconds(5), () -> receiver.attempts("n2") >= 2)).isTrue();
		}
		finally {
			forwarder.close();
			receiver.close();
		}
		assertThat(forwarder.pending()).isZero();
		assertThat(forwarder.submit(notification("n3"))).isFalse();
		assertThat(meters.counter("signet.notifications.forward.failed", "reason", "shutdown").count()).isEqualTo(2);
		assertThat(dir.resolve("n1.body")).exists();
		assertThat(dir.resolve("n2.body")).exists();
	}

	@Test
	void backoffGrowsExponentiallyWithJitterUpToTheMaximum() {
		NotificationForwarder forwarder = new NotificationForwarder(
				URI.create("http://127.0.0.1:9/"), new NotificationProperties.Forward(null, 10, Duration.ofMillis(100),
						Duration.ofMillis(1000), Duration.ofSeconds(1), 10, 1, Duration.ZERO, null, null),
				new SimpleMeterRegistry());
		try {
			for (int i = 0; i < 50; i++) {
				assertThat(forwarder.backoff(1).toMillis()).isBetween(50L, 100L);
				assertThat(forwarder.backoff(3).toMillis()).isBetween(200L, 400L);
				assertThat(forwarder.backoff(20).toMillis()).isBetween(500L, 1000L);
			}
		}
		finally {
			forwarder.close();
		}
	}

	private static NotificationProperties.Forward policy(int maxAttempts, int queueCapacity, Path deadLetters) {
		return new NotificationProperties.Forward(null, maxAttempts, Duration.ofMillis(10), Duration.ofMillis(50),
				Duration.ofSeconds(2), queueCapacity, 2, Duration.ofMillis(200), deadLetters, null);
	}

	private static AcceptedNotification notification(String id) {
		return new AcceptedNotification(id, "default", "123",
				("{\"n\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), "application/json", "0".repeat(40),
				"1715000000");
	}

}
