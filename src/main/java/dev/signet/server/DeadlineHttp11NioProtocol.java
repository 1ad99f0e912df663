package dev.signet.server;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import dev.signet.web.ProblemResponses;
import org.apache.coyote.Adapter;
import org.apache.coyote.Processor;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http11.Http11Processor;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's NIO HTTP/1.1 protocol with a total deadline for reading each request. Tomcat's
 * own {@code connectionTimeout} bounds every single read, so a client sending a byte
 * every few seconds keeps a request (and its connection) alive forever. Here a watchdog
 * looks at every connection a few times a second: once a request has been reading for
 * longer than the deadline (counted from its first byte, headers and body together), the
 * connection's read timeout drops to a millisecond, so Tomcat ends the next read at once
 * and closes the connection. A request that has been read and is being answered is not
 * affected: only reads time out.
 * <p>
 * While a graceful shutdown has paused the connector, a request Tomcat could not read is
 * refused with 503 ({@link StoppingAdapter}) and every answer closes its connection.
 *
 * @author Signet developers
 */
public class DeadlineHttp11NioProtocol extends Http11NioProtocol {

	/** Every processor created (Tomcat drops some when its cache is full: weak). */
	private final Set<WatchedProcessor> processors = Collections.newSetFromMap(new WeakHashMap<>());

	/** How often the connector has been paused (a pause may be resumed at once). */
	private final AtomicLong pauses = new AtomicLong();

	private volatile long deadlineNanos = -1;

	private ScheduledExecutorService watchdog;

	/**
	 * Sets the deadline for reading a request, headers and body.
	 * @param deadline the deadline; zero or negative for none
	 */
	public void setReadDeadline(Duration deadline) {
		this.deadlineNanos = (deadline.isZero() || deadline.isNegative()) ? -1 : deadline.toNanos();
	}

	@Override
	public void start() throws Exception {
		super.start();
		if (this.deadlineNanos > 0) {
			long period = Math.max(50, Math.min(500, TimeUnit.NANOSECONDS.toMillis(this.deadlineNanos) / 4));
			this.watchdog = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "signet-read-deadline");
				thread.setDaemon(true);
				return thread;
			});
			this.watchdog.scheduleWithFixedDelay(this::enforceDeadline, period, period, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void pause() throws Exception {
		this.pauses.incrementAndGet();
		super.pause();
	}

	@Override
	public void stop() throws Exception {
		if (this.watchdog != null) {
			this.watchdog.shutdownNow();
			this.watchdog = null;
		}
		super.stop();
	}

	@Override
	protected Processor createProcessor() {
		WatchedProcessor processor = new WatchedProcessor(this);
		synchronized (this.processors) {
			this.processors.add(processor);
		}
		return processor;
	}

	private void enforceDeadline() {
		try {
			long now = System.nanoTime();
			List<WatchedProcessor> watched;
			synchronized (this.processors) {
				watched = new ArrayList<>(this.processors);
			}
			for (WatchedProcessor processor : watched) {
				SocketWrapperBase<?> connection = processor.connection();
				if (connection != null && isOverdue(processor.getRequest(), now)) {
					connection.setReadTimeout(1);
				}
			}
		}
		catch (RuntimeException ex) {
			// A connection closed while we looked at it; the next round sees the rest.
		}
	}

	/**
	 * Whether the request has been on its way for longer than the deadline. Its start
	 * time is set at its first byte and cleared when it is done; in between it may wait
	 * in Tomcat's poller for more header bytes, blocked in a body read or being answered
	 * (then only a later read, if any, times out).
	 * @param request the request
	 * @param now the current time, in nanoseconds
	 * @return whether the request is overdue
	 */
	private boolean isOverdue(Request request, long now) {
		long started = request.getStartTimeNanos();
		return started != -1 && now - started > this.deadlineNanos;
	}

	/**
	 * Tomcat's processor, telling the watchdog which connection it serves.
	 */
	private static final class WatchedProcessor extends Http11Processor {

		private final DeadlineHttp11NioProtocol protocol;

		private final StoppingAdapter adapter;

		WatchedProcessor(DeadlineHttp11NioProtocol protocol) {
			this(protocol, new StoppingAdapter(protocol, protocol.pauses::get, protocol.getAdapter()));
		}

		private WatchedProcessor(DeadlineHttp11NioProtocol protocol, StoppingAdapter adapter) {
			super(protocol, adapter);
			this.protocol = protocol;
			this.adapter = adapter;
		}

		/**
		 * Tomcat reads headers without blocking and calls this again as more bytes
		 * arrive: a request whose headers are still incomplete at the deadline is closed
		 * here.
		 */
		@Override
		public SocketState service(SocketWrapperBase<?> socketWrapper) throws IOException {
			if (this.protocol.deadlineNanos > 0 && this.protocol.isOverdue(getRequest(), System.nanoTime())) {
				return SocketState.CLOSED;
			}
			this.adapter.serviceStarting();
			return super.service(socketWrapper);
		}

		SocketWrapperBase<?> connection() {
			return getSocketWrapper();
		}

	}

	/**
	 * Tomcat's adapter (the step from the connector into the servlet container), with
	 * what a paused connector answers. Tomcat means to answer 503 to a request it has
	 * started to read when a graceful shutdown pauses the connector, but then goes on to
	 * check the request it did not finish reading: a request line without its headers has
	 * no {@code Host} (400), a half-read one no protocol version (505). Such a request
	 * reaches this adapter with that error status: it was not read, so it is refused with
	 * 503 and {@code Retry-After} ({@link ProblemErrorReportValve} writes the problem).
	 * Tomcat closes every connection after the answer it is writing when the pause began:
	 * the answer says {@code Connection: close}, so clients send no further request on
	 * it.
	 * <p>
	 * Tomcat looks at the pause while it reads; by the time the request reaches this
	 * adapter the connector may have been resumed (a pause that a failed shutdown undoes,
	 * or a test that pauses and resumes): "paused" therefore means paused at any moment
	 * since the processor began this round of reading, told by the pause count.
	 */
	static final class StoppingAdapter implements Adapter {

		private final Http11NioProtocol protocol;

		private final LongSupplier pauses;

		private final Adapter adapter;

		/** Written and read by the one thread that runs the processor's round. */
		private long pausesAtStart;

		private boolean pausedAtStart;

		StoppingAdapter(Http11NioProtocol protocol, LongSupplier pauses, Adapter adapter) {
			this.protocol = protocol;
			this.pauses = pauses;
			this.adapter = adapter;
		}

		/**
		 * Called when the processor begins a round of reading and answering.
		 */
		void serviceStarting() {
			this.pausesAtStart = this.pauses.getAsLong();
			this.pausedAtStart = this.protocol.isPaused();
		}

		private boolean pausedSinceStart() {
			return this.pausedAtStart || this.protocol.isPaused() || this.pauses.getAsLong() != this.pausesAtStart;
		}

		@Override
		public void service(Request request, Response response) throws Exception {
			if (pausedSinceStart()) {
				if (response.getStatus() >= 400) {
					response.setStatus(503);
					response.setHeader("Retry-After", ProblemResponses.STOPPING_RETRY_AFTER);
				}
				response.setHeader("Connection", "close");
			}
			this.adapter.service(request, response);
		}

		@Override
		public boolean prepare(Request request, Response response) throws Exception {
			return this.adapter.prepare(request, response);
		}

		@Override
		public boolean asyncDispatch(Request request, Response response, SocketEvent status) throws Exception {
			return this.adapter.asyncDispatch(request, response, status);
		}

		@Override
		public void log(Request request, Response response, long time) {
			this.adapter.log(request, response, time);
		}

		@Override
		public void checkRecycled(Request request, Response response) {
			this.adapter.checkRecycled(request, response);
		}

		@Override
		public String getDomain() {
			return this.adapter.getDomain();
		}

	}

}
