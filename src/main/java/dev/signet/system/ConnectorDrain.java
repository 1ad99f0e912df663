package dev.signet.system;

import java.time.Duration;

import org.apache.catalina.connector.Connector;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * The step of a graceful shutdown between Spring Boot's (which pauses the connector, so
 * no new request is read, and waits until no servlet is busy) and the stop of the web
 * server (which closes every connection): waits until no connection has a request that is
 * being read or answered. Boot's wait alone misses a request the connector has read but
 * not yet handed to the servlet; stopping the connector under it answered a valid request
 * with 400. Bounded by the read deadline plus a second, since a request being read is cut
 * off at that deadline anyway.
 *
 * @author Signet developers
 */
class ConnectorDrain implements SmartLifecycle {

	/** After Boot's graceful shutdown, before the web server stops. */
	static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 512;

	private static final long POLL_MILLIS = 10;

	/** Consecutive idle polls before the connector counts as drained. */
	private static final int IDLE_POLLS = 5;

	private final ApplicationContext context;

	private final Duration limit;

	private volatile boolean running;

	ConnectorDrain(ApplicationContext context, Duration readTimeout) {
		this.context = context;
		this.limit = readTimeout.plusSeconds(1);
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		DeadlineHttp11NioProtocol protocol = protocol();
		if (protocol == null) {
			return;
		}
		long deadline = System.nanoTime() + this.limit.toNanos();
		int idle = 0;
		while (idle < IDLE_POLLS && System.nanoTime() < deadline) {
			idle = protocol.hasRequestsInFlight() ? 0 : idle + 1;
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private DeadlineHttp11NioProtocol protocol() {
		if (this.context instanceof WebServerApplicationContext web
				&& web.getWebServer() instanceof TomcatWebServer tomcat) {
			for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
				if (connector.getProtocolHandler() instanceof DeadlineHttp11NioProtocol protocol) {
					return protocol;
				}
			}
		}
		return null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
