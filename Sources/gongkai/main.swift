import GongkaiCLI

await Gongkai.run()
