package dev.signet.clients;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

import dev.signet.support.Tool;

/**
 * Real PNG files for the clients to upload, written under {@code target/client-files}.
 *
 * @author Signet developers
 */
final class TestImages {

	private TestImages() {
	}

	/**
	 * Writes a noisy PNG (noise keeps it large enough for several progress events).
	 * @param name the file name
	 * @param size the width and height in pixels
	 * @return the file
	 */
	static Path png(String name, int size) {
		BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(name.hashCode());
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				image.setRGB(x, y, (x * 255 / size) << 16 | (y * 255 / size) << 8 | random.nextInt(256));
			}
		}
		try {
			Path file = Tool.projectDir().resolve("target/client-files").resolve(name);
			Files.createDirectories(file.getParent());
			ImageIO.write(image, "png", file.toFile());
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
