[assembly: TestCollectionOrderer("OvmSelfHost.TestSupport.Ordering.LongestFirst", "OvmSelfHost.TestSupport")]
