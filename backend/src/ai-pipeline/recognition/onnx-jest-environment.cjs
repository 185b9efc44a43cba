// Jest's node environment runs tests in a separate realm: typed arrays made there are not `instanceof` the
// typed-array classes that onnxruntime-node's native binding returns, and its Tensor check throws
// ("A float32 tensor's data must be type of Float32Array"). Tests that run real ONNX sessions use this
// environment, which hands the sandbox the host's typed-array classes (Jest already does so for Uint8Array).
const { TestEnvironment } = require('jest-environment-node');

const TYPED_ARRAYS = [
  'Float32Array', 'Float64Array', 'Int8Array', 'Int16Array', 'Int32Array', 'Uint8Array', 'Uint8ClampedArray',
  'Uint16Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array', 'ArrayBuffer',
];

class OnnxTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) this.global[name] = globalThis[name];
  }
}

module.exports = OnnxTestEnvironment;
