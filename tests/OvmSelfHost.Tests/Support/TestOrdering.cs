[assembly: TestCollectionOrderer("OvmSelfHost.Tests.Support.LongRunningFirst", "OvmSelfHost.Tests")]
