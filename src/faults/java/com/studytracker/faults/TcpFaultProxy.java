package com.studytracker.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small TCP relay between the service and PostgreSQL that can cut the connection:
 * {@link #cut()} closes every open connection and refuses new ones (accepts and closes
 * them at once) until {@link #restore()}. Plain threads, two per connection: the
 * service's pool holds only a few.
 */
final class TcpFaultProxy implements AutoCloseable {

	private final ServerSocket server;

	private final String targetHost;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	private volatile boolean closed;

	TcpFaultProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.server = new ServerSocket();
		this.server.setReuseAddress(true);
		this.server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
		Thread acceptor = new Thread(this::acceptLoop, "tcp-fault-proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Drops every open connection and refuses new ones. */
	void cut() {
		this.cut = true;
		closeAll();
	}

	void restore() {
		this.cut = false;
	}

	private void acceptLoop() {
		while (!this.closed) {
			try {
				Socket client = this.server.accept();
				if (this.cut) {
					client.close();
					continue;
				}
				Socket upstream = new Socket();
				try {
					upstream.connect(new InetSocketAddress(this.targetHost, this.targetPort), 5000);
				}
				catch (IOException ex) {
					client.close();
					upstream.close();
					continue;
				}
				client.setTcpNoDelay(true);
				upstream.setTcpNoDelay(true);
				this.sockets.add(client);
				this.sockets.add(upstream);
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				if (this.closed) {
					return;
				}
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread t = new Thread(() -> {
			byte[] buffer = new byte[64 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int n;
				while ((n = in.read(buffer)) >= 0) {
					if (this.cut) {
						break;
					}
					out.write(buffer, 0, n);
					out.flush();
				}
			}
			catch (IOException ex) {
				// connection closed or cut
			}
			finally {
				quietClose(from);
				quietClose(to);
			}
		}, "tcp-fault-proxy-pump");
		t.setDaemon(true);
		t.start();
	}

	private void closeAll() {
		for (Socket s : this.sockets) {
			quietClose(s);
		}
	}

	private void quietClose(Socket s) {
		try {
			s.close();
		}
		catch (IOException ex) {
			// already closed
		}
		this.sockets.remove(s);
	}

	@Override
	public void close() {
		this.closed = true;
		closeAll();
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
