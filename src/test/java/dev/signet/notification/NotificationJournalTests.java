package dev.signet.notification;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.signet.assets.Arrival;
import dev.signet.support.Eventually;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NotificationJournal} and the forwarder that uses it: what was accepted
 * while the internal URL was down survives the end of the process and is delivered by the
 * next start, each once, with the same id.
 *
 * @author Signet developers
 */
class NotificationJournalTests {

	@Test
	void notificationsPendingWhenTheProcessDiesAreDeliveredByTheNextStartEachOnce(@TempDir Path dir) throws Exception {
		NotificationForwarder first = new NotificationForwarder(URI.create(closedUrl()), policy(),
				new NotificationJournal(dir), new SimpleMeterRegistry());
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			assertThat(first.submit(notification("n" + i))).isTrue();
			ids.add("n" + i);
		}
		first.halt();
		assertThat(entries(dir)).hasSize(5);
		try (FlakyReceiver receiver = new FlakyReceiver(0);
				NotificationForwarder next = new NotificationForwarder(URI.create(receiver.url()), policy(),
						new NotificationJournal(dir), new SimpleMeterRegistry())) {
			assertThat(Eventually.within(Duration.ofSeconds(10), () -> receiver.delivered().size() >= 5)).isTrue();
			assertThat(Eventually.within(Duration.ofMillis(500), () -> receiver.delivered().size() > 5)).isFalse();
			assertThat(receiver.delivered()).extracting(FlakyReceiver.Delivery::id)
				.containsExactlyInAnyOrderElementsOf(ids);
			assertThat(receiver.delivered()).allSatisfy(
					(delivery) -> assertThat(delivery.signet()).containsEntry("X-Signet-Event-Id", delivery.id()));
			assertThat(Eventually.within(Duration.ofSeconds(5), () -> entries(dir).isEmpty())).isTrue();
			assertThat(next.pending()).isZero();
		}
	}

	@Test
	void aStopWithNotificationsPendingLeavesThemInTheJournalNotInTheDeadLetters(@TempDir Path dir,
			@TempDir Path deadLetters) throws Exception {
		NotificationProperties.Forward policy = new NotificationProperties.Forward(null, 100, Duration.ofMillis(10),
				Duration.ofMillis(50), Duration.ofSeconds(2), 100, 2, Duration.ofMillis(100), deadLetters, null);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		NotificationForwarder forwarder = new NotificationForwarder(URI.create(closedUrl()), policy,
				new NotificationJournal(dir), meters);
		assertThat(forwarder.submit(notification("kept"))).isTrue();
		forwarder.close();
		assertThat(entries(dir)).hasSize(1);
		try (Stream<Path> files = Files.list(deadLetters)) {
			assertThat(files).isEmpty();
		}
		assertThat(meters.find("signet.notifications.forward.failed").counters()).isEmpty();
	}

	@Test
	void anEntryReadsBackAsItWasWrittenWithItsArrival(@TempDir Path dir) throws IOException {
		AcceptedNotification written = new AcceptedNotification("e1", "default", "123",
				"{\"public_id\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.UTF_8), null, "ab".repeat(20), "1715000000",
				new Arrival("0123456789abcdef0123456789abcdef", "backend", "avatars", Arrival.REJECTED, "max-bytes\n"));
		NotificationJournal journal = new NotificationJournal(dir);
		journal.write(written);
		List<AcceptedNotification> read = journal.pending();
		assertThat(read).hasSize(1);
		AcceptedNotification back = read.get(0);
		assertThat(back.body()).isEqualTo(written.body());
		assertThat(back.contentType()).isNull();
		assertThat(back.arrival()).isEqualTo(written.arrival());
		assertThat(back.timestamp()).isEqualTo("1715000000");
		journal.delete("e1");
		assertThat(journal.pending()).isEmpty();
	}

	private static List<Path> entries(Path dir) {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter((file) -> file.toString().endsWith(".entry")).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String closedUrl() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
		}
	}

	private static NotificationProperties.Forward policy() {
		return new NotificationProperties.Forward(null, 1000, Duration.ofMillis(10), Duration.ofMillis(50),
				Duration.ofSeconds(2), 100, 2, Duration.ofMillis(100), null, null);
	}

	private static AcceptedNotification notification(String id) {
		return new AcceptedNotification(id, "default", "123",
				("{\"n\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), "application/json", "0".repeat(40),
				"1715000000");
	}

}
