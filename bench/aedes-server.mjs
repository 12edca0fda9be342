// aedes on a port, for bench:serve (its own process, like the other brokers).
// Usage: node bench/aedes-server.mjs PORT → prints "ready PORT".
import net from 'node:net';
import { Aedes } from 'aedes';

const aedes = await Aedes.createBroker();
const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  aedes.handle(socket);
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`ready ${server.address().port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
