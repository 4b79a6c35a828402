package com.studytracker.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throw-away keys and certificates made with the {@code openssl} and {@code keytool}
 * command-line tools, as an operator would make them: a CA, certificates it signs (EC
 * P-256, valid two days) and PKCS12 key and trust stores.
 */
final class TestCertificates {

	private final Path directory;

	TestCertificates(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
		try {
			Files.createDirectories(this.directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A self-signed CA: {@code <name>.crt} and {@code <name>.key}. */
	Pem certificateAuthority(String name) {
		Pem ca = pem(name);
		run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
				ca.key().toString(), "-out", ca.certificate().toString(), "-days", "2", "-subj", "/CN=" + name,
				"-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
		return ca;
	}

	/**
	 * A certificate signed by {@code ca} for the subject alternative names given (e.g.
	 * {@code DNS:localhost}, {@code IP:127.0.0.1}); the key is unencrypted PKCS#8 with
	 * mode 0600.
	 */
	Pem signedBy(Pem ca, String name, String... subjectAlternativeNames) {
		Pem pem = pem(name);
		Path request = this.directory.resolve(name + ".csr");
		Path extensions = this.directory.resolve(name + ".ext");
		write(extensions, "subjectAltName=" + String.join(",", subjectAlternativeNames) + "\n"
				+ "extendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature\n");
		run("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
				pem.key().toString(), "-out", request.toString(), "-subj", "/CN=" + name);
		run("openssl", "x509", "-req", "-in", request.toString(), "-CA", ca.certificate().toString(), "-CAkey",
				ca.key().toString(), "-CAcreateserial", "-out", pem.certificate().toString(), "-days", "2", "-extfile",
				extensions.toString());
		try {
			Files.setPosixFilePermissions(pem.key(), PosixFilePermissions.fromString("rw-------"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return pem;
	}

	/**
	 * A PKCS12 key store holding {@code pem}'s key and certificate (chain up to
	 * {@code ca}).
	 */
	Path keyStore(Pem pem, Pem ca, String password) {
		Path store = this.directory.resolve(pem.name() + ".p12");
		run("openssl", "pkcs12", "-export", "-in", pem.certificate().toString(), "-inkey", pem.key().toString(),
				"-certfile", ca.certificate().toString(), "-name", pem.name(), "-out", store.toString(), "-passout",
				"pass:" + password);
		return store;
	}

	/** A PKCS12 trust store holding {@code ca}'s certificate. */
	Path trustStore(Pem ca, String password) {
		Path store = this.directory.resolve(ca.name() + "-truststore.p12");
		run("keytool", "-importcert", "-noprompt", "-alias", ca.name(), "-file", ca.certificate().toString(),
				"-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", password);
		return store;
	}

	private Pem pem(String name) {
		return new Pem(name, this.directory.resolve(name + ".crt"), this.directory.resolve(name + ".key"));
	}

	private static void write(Path file, String content) {
		try {
			Files.writeString(file, content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void run(String... command) {
		List<String> line = new ArrayList<>(List.of(command));
		Path output = this.directory.resolve("tools.log");
		try {
			Process process = new ProcessBuilder(line).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(command[0] + " timed out; see " + output);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", line) + " failed (exit " + process.exitValue() + "):\n"
						+ Files.readString(output));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A certificate and its key, both PEM files. */
	record Pem(String name, Path certificate, Path key) {

	}

}
