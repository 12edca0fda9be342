// The floor for bench:serve's idle-connection memory: a bare Node net server that answers
// every CONNECT with CONNACK 0 and keeps the socket. Whatever a Node broker holds per
// idle connection comes on top of this. Usage: node bench/net-floor.mjs → "ready PORT".
import net from 'node:net';

const sockets = new Set();
const server = net.createServer((socket) => {
  sockets.add(socket);
  socket.setNoDelay(true);
  socket.on('data', (d) => {
    if (d[0] === 0x10) socket.write(Buffer.from([0x20, 2, 0, 0]));
  });
  socket.on('close', () => sockets.delete(socket));
  socket.on('error', () => {});
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`ready ${server.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));
