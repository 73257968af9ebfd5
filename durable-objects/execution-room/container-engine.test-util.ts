/**
 * A stand-in of the container engine's side of a container-enabled Durable Object
 * (`ctx.container`: start, running, monitor, signal, destroy, getTcpPort(port).fetch). The
 * container engine is an outside service with no local implementation here, so this speaks
 * its interface: the "image" is the real agent-runtime process at RUNTIME_URL, reachable
 * only on the port it listens on, only while started.
 */
export class ContainerEngineStandIn {
  running = false;
  /** Every start's options, to check what the class asked for (internet, env). */
  readonly starts: ContainerStartupOptions[] = [];
  /** Ports asked for, in order. */
  readonly ports: number[] = [];
  /** Requests that reached the program: method and path. */
  readonly requests: string[] = [];
  #exited: (code: number) => void = () => undefined;
  #monitor: Promise<void> = Promise.resolve();

  constructor(
    private readonly runtimeUrl: string,
    /** The port the image listens on (its PORT env decides, as in the Dockerfile). */
    private readonly listensOn = (options: ContainerStartupOptions) => Number(options.env?.PORT ?? 0),
  ) {}

  start(options: ContainerStartupOptions = { enableInternet: true }): void {
    if (this.running) throw new Error("start() cannot be called on a container that is already running.");
    this.running = true;
    this.starts.push(options);
    this.#monitor = new Promise<void>((resolve, reject) => {
      this.#exited = (code) => (code === 0 ? resolve() : reject(code));
    });
    this.#monitor.catch(() => undefined);
  }

  monitor(): Promise<void> {
    return this.#monitor;
  }

  async destroy(): Promise<void> {
    this.#stop(137);
  }

  signal(signo: number): void {
    this.#stop(128 + signo);
  }

  getTcpPort(port: number): Fetcher {
    this.ports.push(port);
    const forward = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const options = this.starts.at(-1);
      if (!this.running || !options) throw new Error("the container is not running, consider calling start()");
      if (port !== this.listensOn(options)) throw new Error(`connect(): Connection refused: container port ${port} not listening`);
      const request = new Request(input instanceof URL ? input.href : input, init);
      const url = new URL(request.url);
      this.requests.push(`${request.method} ${url.pathname}`);
      return fetch(new Request(`${this.runtimeUrl.replace(/\/+$/, "")}${url.pathname}${url.search}`, request));
    };
    return { fetch: forward } as unknown as Fetcher;
  }

  setInactivityTimeout(): Promise<void> {
    return Promise.resolve();
  }

  #stop(code: number): void {
    if (!this.running) return;
    this.running = false;
    this.#exited(code);
  }
}
