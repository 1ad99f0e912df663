package dev.signet.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import dev.signet.web.ProblemResponses;
import org.apache.coyote.Adapter;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SocketEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeadlineHttp11NioProtocol.StoppingAdapter}: while the connector is
 * paused, a request Tomcat hands on with an error status (it did not finish reading it)
 * is refused with 503 and {@code Retry-After}, and every answer closes its connection;
 * while it runs, nothing changes.
 *
 * @author Signet developers
 */
class StoppingAdapterTests {

	private final Recording recording = new Recording();

	@Test
	void halfReadRequestOnPausedConnectorIsRefusedWith503AndRetryAfter() throws Exception {
		for (int status : new int[] { 400, 505, 503 }) {
			Response response = new Response();
			response.setStatus(status);
			adapter(true).service(new Request(), response);
			assertThat(this.recording.statuses).last().isEqualTo(503);
			assertThat(response.getMimeHeaders().getHeader("Retry-After"))
				.isEqualTo(ProblemResponses.STOPPING_RETRY_AFTER);
			assertThat(response.getMimeHeaders().getHeader("Connection")).isEqualTo("close");
		}
	}

	@Test
	void requestTomcatReadOnPausedConnectorIsServedAndClosesItsConnection() throws Exception {
		Response response = new Response();
		adapter(true).service(new Request(), response);
		assertThat(this.recording.statuses).containsExactly(200);
		assertThat(response.getMimeHeaders().getHeader("Retry-After")).isNull();
		assertThat(response.getMimeHeaders().getHeader("Connection")).isEqualTo("close");
	}

	@Test
	void runningConnectorKeepsConnectorErrorsAndKeepAlive() throws Exception {
		Response response = new Response();
		response.setStatus(400);
		adapter(false).service(new Request(), response);
		Response ok = new Response();
		adapter(false).service(new Request(), ok);
		assertThat(this.recording.statuses).containsExactly(400, 200);
		assertThat(response.getMimeHeaders().getHeader("Retry-After")).isNull();
		assertThat(response.getMimeHeaders().getHeader("Connection")).isNull();
		assertThat(ok.getMimeHeaders().getHeader("Connection")).isNull();
	}

	@Test
	void halfReadRequestIsRefusedWith503WhenTheConnectorWasResumedBeforeItReachedTheAdapter() throws Exception {
		AtomicBoolean paused = new AtomicBoolean(true);
		AtomicLong pauses = new AtomicLong(1);
		DeadlineHttp11NioProtocol.StoppingAdapter adapter = adapter(paused::get, pauses);
		adapter.serviceStarting();
		paused.set(false);
		Response response = new Response();
		response.setStatus(400);
		adapter.service(new Request(), response);
		assertThat(this.recording.statuses).containsExactly(503);
		assertThat(response.getMimeHeaders().getHeader("Retry-After")).isEqualTo(ProblemResponses.STOPPING_RETRY_AFTER);
	}

	@Test
	void halfReadRequestIsRefusedWith503WhenAPauseBeganAndEndedWhileTomcatReadIt() throws Exception {
		AtomicBoolean paused = new AtomicBoolean(false);
		AtomicLong pauses = new AtomicLong(3);
		DeadlineHttp11NioProtocol.StoppingAdapter adapter = adapter(paused::get, pauses);
		adapter.serviceStarting();
		pauses.incrementAndGet();
		Response response = new Response();
		response.setStatus(505);
		adapter.service(new Request(), response);
		assertThat(this.recording.statuses).containsExactly(503);
	}

	@Test
	void pauseThatEndedBeforeTheRoundBeganChangesNothing() throws Exception {
		AtomicLong pauses = new AtomicLong(0);
		DeadlineHttp11NioProtocol.StoppingAdapter adapter = adapter(() -> false, pauses);
		pauses.incrementAndGet();
		adapter.serviceStarting();
		Response response = new Response();
		response.setStatus(400);
		adapter.service(new Request(), response);
		assertThat(this.recording.statuses).containsExactly(400);
		assertThat(response.getMimeHeaders().getHeader("Connection")).isNull();
	}

	private Adapter adapter(boolean paused) {
		return adapter(() -> paused, new AtomicLong());
	}

	private DeadlineHttp11NioProtocol.StoppingAdapter adapter(BooleanSupplier paused, AtomicLong pauses) {
		Http11NioProtocol protocol = new Http11NioProtocol() {

			@Override
			public boolean isPaused() {
				return paused.getAsBoolean();
			}

		};
		return new DeadlineHttp11NioProtocol.StoppingAdapter(protocol, pauses::get, this.recording);
	}

	/**
	 * Tomcat's adapter stand-in: records the status each request reaches it with.
	 */
	private static final class Recording implements Adapter {

		private final List<Integer> statuses = new ArrayList<>();

		@Override
		public void service(Request request, Response response) {
			this.statuses.add(response.getStatus());
		}

		@Override
		public boolean prepare(Request request, Response response) {
			return true;
		}

		@Override
		public boolean asyncDispatch(Request request, Response response, SocketEvent status) {
			return false;
		}

		@Override
		public void log(Request request, Response response, long time) {
		}

		@Override
		public void checkRecycled(Request request, Response response) {
		}

		@Override
		public String getDomain() {
			return "test";
		}

	}

}
