package dev.signet.notification;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.signet.support.Eventually;
import dev.signet.support.SimpleHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Signet process killed with {@code kill -9} while the internal URL is down: the
 * next process on the same journal delivers every accepted notification, none twice.
 *
 * @author Signet developers
 */
class JournalKillTests {

	private static final int N = 5;

	@Test
	void notificationsAcceptedBeforeAKill9AreAllDeliveredByTheRestartNoneTwice(@TempDir Path journal) throws Exception {
		List<String> ids = new ArrayList<>();
		Process first = SignetProcesses.start(journal, closedUrl());
		try {
			SimpleHttp http = SignetProcesses.waitReady(first);
			ids.addAll(SignetProcesses.acceptSigned(http, "kill-", N));

		}
		finally {
			first.destroyForcibly();
			assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		try (FlakyReceiver receiver = new FlakyReceiver(0)) {
			Process second = SignetProcesses.start(journal, receiver.url());
			SignetProcesses.waitReady(second);
			try {
				assertThat(Eventually.within(Duration.ofSeconds(90), () -> receiver.delivered().size() >= N)).isTrue();
				assertThat(Eventually.within(Duration.ofSeconds(1), () -> receiver.delivered().size() > N)).isFalse();
				assertThat(receiver.delivered()).extracting(FlakyReceiver.Delivery::id)
					.containsExactlyInAnyOrderElementsOf(ids);
				assertThat(receiver.delivered()).allSatisfy(
						(delivery) -> assertThat(delivery.signet()).containsEntry("X-Signet-Event-Id", delivery.id()));
			}
			finally {
				second.destroyForcibly();
				second.waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	private static String closedUrl() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
		}
	}

}
