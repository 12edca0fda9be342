// A broker that costs (almost) nothing, for bench:bench's scaling case: it answers each
// connection's CONNECT with CONNACK 0 and then reads and discards every byte. QoS 0
// publishers only (nothing is acknowledged or delivered). With it, what limits
// `mqtk bench pub` is bench itself, not the broker. Usage: node bench/sink-broker.mjs → "ready PORT".
import net from 'node:net';

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  let connected = false;
  socket.on('data', () => {
    // The first chunk holds the CONNECT (the client sends nothing else before CONNACK).
    if (connected) return;
    connected = true;
    socket.write(Buffer.from([0x20, 2, 0, 0]));
  });
  socket.on('error', () => {});
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`ready ${server.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));
