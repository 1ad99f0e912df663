package dev.signet.notification;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.signet.support.Eventually;
import dev.signet.support.Needs;
import dev.signet.support.RedisServers;
import dev.signet.support.SimpleHttp;
import dev.signet.support.Tool;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.models.stream.PendingMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real Signet processes sharing one Redis, the internal URL down: notifications
 * accepted on replica A, A killed with {@code kill -9} while it holds them, then the URL
 * comes up: replica B delivers every one, none twice by {@code X-Signet-Event-Id}.
 *
 * @author Signet developers
 */
@Needs(Tool.REDIS)
class OutboxKillTests {

	private static final int N = 5;

	private final String prefix = "test:outbox-kill:" + UUID.randomUUID() + ":";

	@Test
	void notificationsHeldByAReplicaKilledWithKill9AreAllDeliveredByTheOtherNoneTwice(@TempDir Path dir)
			throws Exception {
		int hookPort = RedisServers.freePort();
		String hook = "http://127.0.0.1:" + hookPort + "/hook";
		RedisClient client = RedisClient.create(RedisServers.sharedUrl());
		List<Process> processes = new ArrayList<>();
		try (StatefulRedisConnection<String, String> redis = client.connect()) {
			List<String> ids = new ArrayList<>();
			Process a = start(dir.resolve("a"), hook);
			processes.add(a);
			SimpleHttp http = SignetProcesses.waitReady(a);
			ids.addAll(SignetProcesses.acceptSigned(http, "outbox-kill-", N));

			String stream = this.prefix + "stream";
			assertThat(Eventually.within(Duration.ofSeconds(30), () -> pending(redis, stream).size() == N)).isTrue();
			assertThat(pending(redis, stream)).extracting(PendingMessage::getConsumer)
				.containsOnly(pending(redis, stream).get(0).getConsumer());
			Process b = start(dir.resolve("b"), hook);
			processes.add(b);
			SignetProcesses.waitReady(b);
			a.destroyForcibly();
			assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(redis.sync().xlen(stream)).isEqualTo(N);
			try (FlakyReceiver receiver = new FlakyReceiver(0, hookPort)) {
				assertThat(Eventually.within(Duration.ofSeconds(90), () -> receiver.delivered().size() >= N)).isTrue();
				assertThat(Eventually.within(Duration.ofSeconds(3), () -> receiver.delivered().size() > N)).isFalse();
				assertThat(receiver.delivered()).extracting(FlakyReceiver.Delivery::id)
					.containsExactlyInAnyOrderElementsOf(ids);
				assertThat(receiver.delivered()).allSatisfy(
						(delivery) -> assertThat(delivery.signet()).containsEntry("X-Signet-Event-Id", delivery.id()));
				assertThat(Eventually.within(Duration.ofSeconds(10), () -> redis.sync().xlen(stream) == 0)).isTrue();
			}
			redis.sync().del(stream);
		}
		finally {
			for (Process process : processes) {
				process.destroyForcibly();
				process.waitFor(30, TimeUnit.SECONDS);
			}
			client.shutdown();
		}
	}

	private static List<PendingMessage> pending(StatefulRedisConnection<String, String> redis, String stream) {
		if (redis.sync().exists(stream) == 0) {
			return List.of();
		}
		try {
			return redis.sync()
				.xpending(stream, RedisNotificationOutbox.GROUP, Range.create("-", "+"), Limit.from(100));
		}
		catch (RuntimeException ex) {
			// The group is created by the first read.
			return List.of();
		}
	}

	private Process start(Path journal, String forwardUrl) throws IOException {
		return SignetProcesses.start(journal, forwardUrl, "--signet.notifications.forward.timeout=1s",
				"--signet.redis.url=" + RedisServers.sharedUrl(),
				"--signet.notifications.outbox.key-prefix=" + this.prefix,
				"--signet.notifications.outbox.claim-idle=2s");
	}

}
