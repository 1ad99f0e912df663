package dev.signet.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.signet.support.CloudinaryStandIn.Attempt;
import dev.signet.support.Tool;

/**
 * Writes each client's upload and the Cloudinary stand-in's verdict to the test output
 * and to {@code target/client-verdicts.txt}, the record of what every real client sent.
 *
 * @author Signet developers
 */
final class ClientVerdicts {

	private static final Path FILE = Tool.projectDir().resolve("target/client-verdicts.txt");

	private static final AtomicBoolean first = new AtomicBoolean(true);

	private ClientVerdicts() {
	}

	/**
	 * Records a verdict.
	 * @param client the client, e.g. {@code React page, fetch + XHR, Chromium}
	 * @param attempt what the stand-in saw and answered
	 * @return the attempt
	 */
	static Attempt record(String client, Attempt attempt) {
		String line = client + " | " + attempt + System.lineSeparator();
		System.out.print("CLIENT VERDICT " + line);
		try {
			Files.createDirectories(FILE.getParent());
			Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					first.getAndSet(false) ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return attempt;
	}

}
