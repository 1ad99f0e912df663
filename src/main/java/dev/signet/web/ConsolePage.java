package dev.signet.web;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /console} and {@code /console/}: the built-in console's page
 * ({@code static/console/index.html} in the jar; its scripts and styles are served as
 * static resources next to it). Public: the page holds no data, its API calls carry the
 * caller's credentials. The security chain gives it its own strict
 * Content-Security-Policy.
 *
 * @author Signet developers
 */
@Controller
@Hidden
class ConsolePage {

	private static final Resource INDEX = new ClassPathResource("static/console/index.html");

	@GetMapping(path = { "/console", "/console/" }, produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<Resource> index() {
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.TEXT_HTML).body(INDEX);
	}

}
