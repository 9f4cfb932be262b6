/**
 * Stand-in for `keytar`, the native OS-keychain module that @forge/cli-shared (pulled in by @forge/lint and
 * @forge/bundler) depends on to keep a developer's Forge login. keytar compiles against libsecret on Linux,
 * which CI and these machines do not have, so `npm install` would fail; and the tests that run Forge's linter
 * and bundler never log in. The root package.json's `overrides` maps `keytar` to this folder.
 *
 * Nothing here touches a keychain: reads find nothing, writes are refused. If you need `forge login` to
 * remember a token, use the real Forge CLI (`npm i -g @forge/cli`), which brings its own keytar.
 */
'use strict';

const refuse = async () => {
  throw new Error('keytar stand-in (tools/keytar-stand-in): no OS keychain in this project; use FORGE_EMAIL and FORGE_API_TOKEN.');
};

module.exports = {
  getPassword: async (_service, _account) => null,
  setPassword: refuse,
  deletePassword: async (_service, _account) => false,
  findCredentials: async (_service) => [],
  findPassword: async (_service) => null,
};
