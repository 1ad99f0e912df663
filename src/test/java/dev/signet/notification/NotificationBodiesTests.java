package dev.signet.notification;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.signet.refusal.Refusal;
import dev.signet.support.Eventually;
import dev.signet.web.ProblemResponses;
import dev.signet.web.ProblemStatuses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link NotificationBodies}: one address cannot take every slot, and a small
 * declared body that stalls frees its slot long before the read timeout (the attack
 * review of the hardening: 16 idle connections from one address closed the receiver).
 *
 * @author Signet developers
 */
class NotificationBodiesTests {

	@Test
	void oneAddressCannotHoldEverySlot() throws Exception {
		NotificationBodies bodies = new NotificationBodies(1024, 4, 2, Duration.ofSeconds(30));
		List<PipedOutputStream> writers = new ArrayList<>();
		List<CompletableFuture<byte[]>> stalled = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			PipedOutputStream writer = new PipedOutputStream();
			PipedInputStream reader = new PipedInputStream(writer);
			writers.add(writer);
			stalled.add(CompletableFuture.supplyAsync(() -> bodies.read(reader, -1, "203.0.113.7")));
		}
		assertThat(Eventually.within(Duration.ofSeconds(10), () -> bodies.reading() == 2)).isTrue();
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> bodies.read(body("{}"), 2, "203.0.113.7"))
			.satisfies((ex) -> {
				assertThat(ProblemStatuses.of(ex.reason())).isEqualTo(503);
				assertThat(ProblemResponses.headers(ex)).containsEntry("Retry-After", "5");
				assertThat(ex.detail()).contains("from this address");
			});
		assertThat(bodies.read(body("{}"), 2, "198.51.100.1")).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
		for (PipedOutputStream writer : writers) {
			writer.write("{}".getBytes(StandardCharsets.UTF_8));
			writer.close();
		}
		for (CompletableFuture<byte[]> read : stalled) {
			assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
		}
		assertThat(bodies.reading()).isZero();
		assertThat(bodies.read(body("{}"), 2, "203.0.113.7")).hasSize(2);
	}

	@Test
	void aSmallDeclaredBodyMustArriveSoonerThanTheReadTimeout() {
		NotificationBodies bodies = new NotificationBodies(1024, 4, 2, Duration.ofSeconds(30));
		InputStream trickle = new InputStream() {

			@Override
			public int read() throws IOException {
				try {
					Thread.sleep(300);
				}
				catch (InterruptedException ex) {
					throw new IOException(ex);
				}
				return '{';
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				buffer[offset] = (byte) read();
				return 1;
			}

		};
		// 100 declared bytes at one byte per 300 ms would take 30 s; a 100-byte body has
		// about one second.
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> bodies.read(trickle, 100, "203.0.113.7"))
			.satisfies((ex) -> assertThat(ProblemStatuses.of(ex.reason())).isEqualTo(408));
		assertThat(bodies.reading()).isZero();
	}

	private static InputStream body(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

}
