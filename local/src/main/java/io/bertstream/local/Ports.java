package io.bertstream.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Picks free loopback ports and checks that a requested one is free before a server binds it. */
final class Ports {

  private Ports() {}

  /** A port that was free a moment ago; the kernel picks it, so collisions are unlikely. */
  static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new LocalStackException("cannot find a free port on 127.0.0.1", e);
    }
  }

  /** {@code port}, or a free one when it is 0; fails with the port's number when it is taken. */
  static int resolve(int port, String what) {
    if (port == 0) {
      return free();
    }
    requireFree(port, what);
    return port;
  }

  static void requireFree(int port, String what) {
    try (ServerSocket socket = new ServerSocket()) {
      // Like the broker's own acceptor, so a port lingering in TIME_WAIT after a restart is free.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
    } catch (IOException e) {
      throw new LocalStackException(
          what
              + " port "
              + port
              + " on 127.0.0.1 is already in use; stop what holds it or pick"
              + " another port",
          e);
    }
  }
}
