package dev.ftpsim.ftp.protocol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Test wiring of a client and a server engine with no network: actions of one become inputs of
 * the other, in FIFO order. A connect to anything but the other side's listening port fails,
 * which is how a NAT-mangled address shows up here.
 */
final class Loopback {

    static final int SERVER_IP = 0xC0A80001 /* 192.168.0.1 */, CLIENT_IP = 0x0A000002 /* 10.0.0.2 */;

    final ServerSession server;
    final ClientSession client;
    final List<Action> serverActions = new ArrayList<>(), clientActions = new ArrayList<>();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private int serverListen, clientListen;
    private boolean connected, controlClosed;
    SessionRecord result;

    Loopback(ServerOptions so, FileSystem fs, ClientOptions co, List<ClientOp> script) {
        server = new ServerSession(so, fs, SERVER_IP, CLIENT_IP, new java.util.SplittableRandom(7));
        client = new ClientSession(co, script, CLIENT_IP, 50000, SERVER_IP);
    }

    SessionRecord run() {
        onServer(server.start());
        onClient(client.start());
        int steps = 0;
        while (!queue.isEmpty() && steps++ < 100_000) {
            queue.poll().run();
        }
        return result;
    }

    private void toServer(Input in) {
        queue.add(() -> onServer(server.handle(in)));
    }

    private void toClient(Input in) {
        queue.add(() -> onClient(client.handle(in)));
    }

    private void onServer(List<Action> as) {
        serverActions.addAll(as);
        for (Action a : as) {
            if (controlClosed) {
                return;
            }
            if (a instanceof Action.SendReply r) {
                toClient(new Input.ControlBytes(r.bytes()));
            } else if (a instanceof Action.ListenData l) {
                serverListen = l.port() == 0 ? 30000 : l.port();
                toServer(new Input.DataListening(serverListen));
            } else if (a instanceof Action.ConnectData c) {
                if (c.ipv4() == CLIENT_IP && c.port() == clientListen && !connected) {
                    connected = true;
                    clientListen = 0;
                    toServer(new Input.DataConnected(CLIENT_IP, c.port()));
                    toClient(new Input.DataConnected(SERVER_IP, c.fromPort() == 0 ? 40001 : c.fromPort()));
                } else {
                    toServer(new Input.DataConnectFailed("refused"));
                }
            } else if (a instanceof Action.SendData d && connected) {
                toClient(new Input.DataReceived(d.bytes(), d.length()));
            } else if (a instanceof Action.CloseData c) {
                close(c.abort(), true);
                serverListen = 0;
            } else if (a instanceof Action.CloseControl) {
                controlClosed = true;
                toClient(new Input.ControlClosed());
            }
        }
    }

    private void onClient(List<Action> as) {
        clientActions.addAll(as);
        for (Action a : as) {
            if (a instanceof Action.Finished f) {
                result = f.record();
            }
            if (controlClosed && !(a instanceof Action.Finished)) {
                continue;
            }
            if (a instanceof Action.SendCommand c) {
                toServer(new Input.ControlBytes(c.bytes()));
            } else if (a instanceof Action.ListenData l) {
                clientListen = l.port() == 0 ? 40000 : l.port();
                toClient(new Input.DataListening(clientListen));
            } else if (a instanceof Action.ConnectData c) {
                if (c.ipv4() == SERVER_IP && c.port() == serverListen && !connected) {
                    connected = true;
                    serverListen = 0;
                    toClient(new Input.DataConnected(SERVER_IP, c.port()));
                    toServer(new Input.DataConnected(CLIENT_IP, 40002));
                } else {
                    toClient(new Input.DataConnectFailed("refused"));
                }
            } else if (a instanceof Action.SendData d && connected) {
                toServer(new Input.DataReceived(d.bytes(), d.length()));
            } else if (a instanceof Action.CloseData c) {
                close(c.abort(), false);
                clientListen = 0;
            } else if (a instanceof Action.CloseControl) {
                controlClosed = true;
                toServer(new Input.ControlClosed());
            }
        }
    }

    /** Graceful: both ends see the close after the data already queued; abort: only the peer, as an error. */
    private void close(boolean abort, boolean byServer) {
        if (!connected) {
            return;
        }
        connected = false;
        if (abort) {
            if (byServer) {
                toClient(new Input.DataClosed(true));
            } else {
                toServer(new Input.DataClosed(true));
            }
        } else {
            toClient(new Input.DataClosed(false));
            toServer(new Input.DataClosed(false));
        }
    }
}
