package dev.signet.server;

import java.time.Duration;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Tomcat settings Spring Boot has no property for: a total deadline for reading each
 * request ({@link DeadlineHttp11NioProtocol}, {@code signet.http.read-timeout}), and
 * problem details ({@link ProblemErrorReportValve}) instead of Tomcat's HTML page for the
 * errors the connector detects. Runs after Boot's own customizers, so it replaces the
 * {@code ErrorReportValve} Boot adds.
 *
 * @author Signet developers
 */
class TomcatCustomizer implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

	private final Duration readTimeout;

	TomcatCustomizer(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	@Override
	public void customize(TomcatWebServerFactory factory) {
		factory.setProtocol(DeadlineHttp11NioProtocol.class.getName());
		factory.addProtocolHandlerCustomizers((handler) -> {
			if (handler instanceof DeadlineHttp11NioProtocol protocol) {
				protocol.setReadDeadline(this.readTimeout);
			}
		});
		factory.addContextCustomizers((context) -> {
			Container host = context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			host.getPipeline().addValve(new ProblemErrorReportValve());
			if (host instanceof StandardHost standardHost) {
				standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		});
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
